import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { formatMetricOf, metricLabel } from '../experiments/format';
import { formatDelta, metricRows, type Direction } from './compare-data';
import { runColor, runLabel } from './overlay';

const DIRECTION: Record<Direction, string> = { lower: 'lower is better', higher: 'higher is better', neutral: '' };

/** Every metric of the picked runs, with each run's change against the first (the baseline). */
export function MetricDeltas({ runs }: { runs: RunDetailDto[] }) {
  const rows = metricRows(runs);
  if (rows.length === 0) return <p className="muted">These runs have no metrics yet.</p>;
  return (
    <section className="compare-block" aria-label="Metrics">
      <h3 className="run-section-title">Metrics</h3>
      <div className="table-scroll">
        <table className="table compare-table" data-testid="compare-metrics">
          <thead>
            <tr>
              <th>Metric</th>
              {runs.map((r, i) => (
                <th key={r.id} className="num">
                  <span className="run-swatch" style={{ background: runColor(i) }} aria-hidden />
                  {runLabel(r, i)}
                  {i === 0 && <span className="muted"> (baseline)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.metric} data-metric={row.metric}>
                <th scope="row">
                  {metricLabel(row.metric)} <span className="muted compare-dir">{DIRECTION[row.direction]}</span>
                </th>
                {row.cells.map((c, i) => (
                  <td key={runs[i].id} className={`num${c.best ? ' best' : ''}`} data-tone={c.tone}>
                    <span className="mono">{formatMetricOf(row.metric, c.value)}</span>
                    {c.delta !== null && (
                      <span className={`delta delta-${c.tone}`} data-testid="metric-delta" title={c.tone === 'better' ? 'better than the baseline' : c.tone === 'worse' ? 'worse than the baseline' : undefined}>
                        {formatDelta(c.delta, c.relative, (v) => formatMetricOf(row.metric, v))}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-note">Changes are against the first run picked; the best value of each metric is bold. Make another run the baseline with its ★ above.</p>
    </section>
  );
}
