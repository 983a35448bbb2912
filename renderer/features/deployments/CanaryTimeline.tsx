import type { DeploymentDetailDto } from '../../../shared/api/methods/deployments';
import { formatWhen } from '../../components/format';
import { stepTitle } from './view';

/** A check's value in its units; metric differences as plain numbers with four significant digits. */
const checkValue = (name: string, v: number | null) =>
  v === null ? '–' : name === 'success-rate' ? `${(v * 100).toFixed(2)} %` : name === 'latency-p99' ? `${v.toPrecision(3)} ms` : Number(v.toPrecision(4)).toLocaleString('en-US');

/** Every analysis step of the canary in order: the decision, the traffic after it, each check with its evidence. */
export function CanaryTimeline({ d }: { d: DeploymentDetailDto }) {
  if (d.timeline.length === 0) {
    return <p className="muted small-note">No canary decisions in these logs ({d.policy} policy).</p>;
  }
  return (
    <ol className="canary-timeline" data-testid="canary-timeline">
      {d.timeline.map((s) => (
        <li key={s.step} className={`timeline-step step-${s.action}`} data-action={s.action} data-testid={`timeline-${s.action}`}>
          <div className="timeline-head">
            <span className={`badge badge-decision-${s.action}`}>{s.action}</span>
            <strong>{stepTitle(s, d.versions)}</strong>
            <span className="muted">
              step {s.canaryStep} · {formatWhen(s.at)} · {s.evidence.decisions.toLocaleString()} decisions · stable {s.traffic.stable} % / candidate {s.traffic.candidate} %
            </span>
          </div>
          <p className="timeline-reason">{s.reason}</p>
          <ul className="timeline-checks">
            {s.evidence.checks.map((c) => (
              <li key={c.name} className={`check check-${c.status}`}>
                <span className="check-status">{c.status}</span> {c.name}: {checkValue(c.name, c.value)} (threshold {checkValue(c.name, c.threshold)})
                {Object.keys(c.evidence).length > 0 && (
                  <span className="muted"> · {Object.entries(c.evidence).map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : (v ?? '–')}`).join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
          {s.aliasMove && (
            <p className="timeline-alias" data-testid="timeline-alias-move">
              Registry: <span className={`alias-chip alias-${s.aliasMove.alias}`}>{s.aliasMove.alias}</span> {s.aliasMove.from ?? 'new'} → {s.aliasMove.to}, recorded in the model’s
              history
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
