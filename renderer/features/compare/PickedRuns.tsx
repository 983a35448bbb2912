import type { RunSummaryDto } from '../../../shared/api/dto';
import { shortId } from '../experiments/format';
import { runColor } from './overlay';
import { useCompare } from './store';

/** The picked runs in order, as chips: the first is the baseline; ★ makes another one it. */
export function PickedRuns({ runs }: { runs: RunSummaryDto[] }) {
  const selected = useCompare((s) => s.selected);
  const toggle = useCompare((s) => s.toggle);
  const clear = useCompare((s) => s.clear);
  const makeBaseline = useCompare((s) => s.makeBaseline);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const ids = [...selected].filter((id) => byId.has(id));
  if (ids.length === 0) return <p className="muted compare-hint">Tick two or more runs to compare them; the first one ticked is the baseline.</p>;
  return (
    <div className="picked-runs" data-testid="compare-picked" aria-label="Runs picked to compare">
      {ids.map((id, i) => {
        const r = byId.get(id)!;
        return (
          <span key={id} className={`picked-chip${i === 0 ? ' baseline' : ''}`} data-testid={`picked-${id}`}>
            <span className="run-swatch" style={{ background: runColor(i) }} aria-hidden />
            <strong>{String.fromCharCode(65 + (i % 26))}</strong> {r.name ?? r.family ?? 'run'} <span className="muted mono">{shortId(id)}</span>
            {i === 0 ? (
              <span className="muted"> baseline</span>
            ) : (
              <button type="button" className="link" onClick={() => makeBaseline(id)} title="Make this the baseline" aria-label={`Make run ${shortId(id)} the baseline`}>
                ★
              </button>
            )}
            <button type="button" className="link" onClick={() => toggle(id)} aria-label={`Remove run ${shortId(id)}`}>
              ✕
            </button>
          </span>
        );
      })}
      <button type="button" className="small" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
