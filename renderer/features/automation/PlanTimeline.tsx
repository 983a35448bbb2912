import type { PlanRunDto } from '../../../shared/automation/dto';
import { abWords, decisionWord } from './plan-words';
import { whenText } from './schedule-text';

/** A plan's runs, newest first: what triggered each, the decision and why, the A/B result and the alias move. */
export function PlanTimeline({ runs }: { runs: PlanRunDto[] }) {
  if (runs.length === 0) return <p className="muted" data-testid="plan-runs-none">No runs yet. Run now starts one with the source&apos;s newest data.</p>;
  return (
    <ol className="plan-timeline" data-testid="plan-runs" aria-label="Plan runs, newest first">
      {runs.map((r) => {
        const decision = decisionWord(r);
        const ab = abWords(r);
        return (
          <li key={r.id} className={`plan-run decision-${decision}`} data-testid="plan-run">
            <div className="plan-run-head">
              <span className={`badge decision-${decision}`} data-testid="plan-run-decision">
                {decision}
              </span>
              <span className="muted">
                {whenText(r.startedAt)} · {r.trigger}: {r.triggerNote}
              </span>
            </div>
            {r.reason && (
              <p className="plan-run-reason" data-testid="plan-run-reason">
                {r.reason}
              </p>
            )}
            {ab && (
              <div className="plan-run-ab" data-testid="plan-run-ab">
                <strong>A/B</strong> {ab}
                {r.ab?.text && <div className="muted">{r.ab.text}</div>}
                {r.ab?.rowsNote && <div className="muted">{r.ab.rowsNote}</div>}
              </div>
            )}
            <div className="muted plan-run-facts">
              {r.dataVersion !== null && <span>data version {r.dataVersion}</span>}
              {r.championVersion && <span>champion {r.championVersion}</span>}
              {r.challengerVersion && <span>challenger registered as {r.challengerVersion}</span>}
              {r.aliasMove && (
                <span data-testid="plan-run-alias">
                  {r.aliasMove.alias}: {r.aliasMove.fromVersion ?? '–'} → {r.aliasMove.toVersion}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
