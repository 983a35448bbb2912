import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { FAMILY_WARM_START } from '../../../shared/families/warm-start';
import { isFamily } from '../../../shared/families/index';
import { useExperiments } from './store';
import { shortId } from './format';

/** How the run's family continues, in one line (shared/families/warm-start.ts). */
export function continueHow(family: string | null): string | null {
  return family && isFamily(family) && FAMILY_WARM_START[family].mode !== 'none' ? FAMILY_WARM_START[family].how : null;
}

/** "Continue on new data…": the New run dialog with this run's settings, continuing from its model. */
export function ContinueRunButton({ run }: { run: RunDetailDto }) {
  const continueRun = useExperiments((s) => s.continueRun);
  const how = continueHow(run.family);
  if (run.status !== 'succeeded' || !how) return null;
  return (
    <button type="button" className="small" onClick={() => continueRun(run)} title={`Train on new data starting from this run's model: ${how}`} data-testid="run-continue">
      Continue on new data…
    </button>
  );
}

/** The facts entry of a run that continued from another; its id selects that run. */
export function ContinuedFromFact({ run }: { run: RunDetailDto }) {
  const select = useExperiments((s) => s.select);
  if (!run.warmStartFrom) return null;
  const from = run.warmStartFrom;
  return (
    <>
      <dt>Continued from</dt>
      <dd data-testid="run-continued-from">
        <button type="button" className="link mono" onClick={() => select(from)} title={continueHow(run.family) ?? undefined}>
          run {shortId(from)}
        </button>
      </dd>
    </>
  );
}

/** In the New run dialog: which run's model the new run starts from, and the way back to training from scratch. */
export function WarmStartLine() {
  const from = useExperiments((s) => s.form.warmStartFrom);
  const family = useExperiments((s) => s.form.family);
  const patch = useExperiments((s) => s.patchForm);
  if (!from) return null;
  const how = continueHow(family);
  return (
    <p className="rec-interactions-hint" data-testid="new-run-warm-start">
      <span>
        Continues from run <span className="mono">{shortId(from)}</span>: {how ?? `${family} cannot continue from an earlier run`}. Pick the dataset with the new rows; the columns, target and model must match.
      </span>
      <button type="button" className="small" onClick={() => patch({ warmStartFrom: '' })} data-testid="new-run-from-scratch">
        Train from scratch
      </button>
    </p>
  );
}
