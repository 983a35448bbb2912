import type { SweepDto } from '../../../shared/api/methods/sweeps';
import { formatMetricOf, formatValue, metricLabel, shortId } from '../experiments/format';
import { spaceAxes } from './parallel';


/**
 * Every trial: its parameters, objective and status; the best one badged; one stopped early with
 * where its validation curve had got to. Sorted best first.
 */
export function TrialsTable({ sweep, onOpen, curveName }: { sweep: SweepDto; onOpen: (runId: string) => void; curveName: string }) {
  const axes = spaceAxes(sweep.space);
  const sign = sweep.lowerIsBetter ? 1 : -1;
  const order = sweep.results.map((t, i) => ({ t, n: i + 1 }));
  order.sort((a, b) => (a.t.value === null ? 1 : b.t.value === null ? -1 : sign * (a.t.value - b.t.value)));
  return (
    <div className="table-scroll">
      <table className="table trials-table" data-testid="sweep-trials">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Run</th>
            {axes.map((a) => (
              <th key={a.key} className={a.kind === 'category' ? undefined : 'num'}>
                {a.key}
              </th>
            ))}
            <th className="num">
              {metricLabel(sweep.metric)} {sweep.lowerIsBetter ? '↓' : '↑'}
            </th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {order.map(({ t, n }) => {
            const best = t.runId === sweep.bestRunId;
            return (
              <tr key={t.runId} className={best ? 'best-trial' : undefined} data-testid={`trial-${t.runId}`} data-best={best || undefined}>
                <td className="num muted">{n}</td>
                <td>
                  <button type="button" className="link mono trial-open" onClick={() => onOpen(t.runId)} title="Open in Experiments">
                    {shortId(t.runId)}
                  </button>
                  {best && (
                    <span className="badge badge-best" data-testid="sweep-best-badge">
                      ★ best
                    </span>
                  )}
                </td>
                {axes.map((a) => (
                  <td key={a.key} className={`mono${a.kind === 'category' ? '' : ' num'}`}>
                    {formatValue(t.params[a.key])}
                  </td>
                ))}
                <td className="num mono">{formatMetricOf(sweep.metric, t.value)}</td>
                <td>
                  {t.stoppedEarly ? (
                    <>
                      <span className="badge badge-stopped" title="Its validation curve fell behind the median of finished trials" data-testid="trial-stopped-early">
                        stopped early
                      </span>
                      {t.lastCurve && (
                        <span className="muted trial-last" data-testid="trial-last-curve">
                          {' '}
                          at iteration {t.lastCurve.step.toLocaleString()} · validation {curveName} {formatValue(t.lastCurve.value)}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className={`badge badge-${t.status}`}>{t.status}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
