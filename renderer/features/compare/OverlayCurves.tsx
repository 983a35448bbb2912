import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { overlayOption } from './overlay';

/** Learning curves of the picked runs laid over each other: dashed train, solid validation. */
export function OverlayCurves({ runs }: { runs: RunDetailDto[] }) {
  const dark = useUi((s) => s.theme === 'dark');
  const option = useMemo(() => overlayOption(runs, dark), [runs, dark]);
  const without = runs.filter((r) => Object.keys(r.curves).length === 0);
  return (
    <section className="compare-block" aria-label="Learning curves">
      <h3 className="run-section-title">
        Learning curves <span className="muted compare-legend-note">dashed: train · solid: validation</span>
      </h3>
      <EChart option={option} height={280} notMerge testId="compare-curves" />
      {without.length > 0 && without.length < runs.length && (
        <p className="muted small-note">
          {without.map((r) => r.family ?? 'run').join(', ')} {without.length === 1 ? 'has' : 'have'} no learning curve (fitted in one step).
        </p>
      )}
    </section>
  );
}
