import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { formatMetric, formatMetricOf, formatPct, LOWER_IS_BETTER, metricLabel } from './format';

const std = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

/** Test metrics; per fold for k-fold; the conformal interval and its measured coverage for regressions. */
export function MetricsTab({ run }: { run: RunDetailDto }) {
  const metrics = run.metrics ?? {};
  const keys = Object.keys(metrics);
  const folds = run.report?.foldMetrics ?? null;
  const iv = run.report?.intervals ?? null;
  if (keys.length === 0) return <p className="muted">{run.status === 'running' ? 'Metrics appear when training ends.' : 'This run has no metrics.'}</p>;

  return (
    <div className="metrics-tab" data-testid="run-metrics">
      {iv && (
        <p className="interval-note" data-testid="run-intervals">
          <strong>{Math.round(iv.coverage * 100)} % interval ±{formatMetric(iv.halfWidth)}</strong>, measured coverage{' '}
          <strong>{formatPct(iv.testCoverage)}</strong> on held-out rows
          <span className="muted">
            {' '}
            · a conformal prediction interval: the true {run.target} should fall within ±{formatMetric(iv.halfWidth)} of the prediction {Math.round(iv.coverage * 100)} % of the time.
          </span>
        </p>
      )}
      <table className="table metrics-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">{folds ? `Mean of ${folds.length} folds` : 'Test'}</th>
            {folds && <th className="num">± sd</th>}
            <th className="muted">Better</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} data-metric={k}>
              <td>{metricLabel(k)}</td>
              <td className="num mono">{formatMetricOf(k, metrics[k])}</td>
              {folds && <td className="num mono muted">{formatMetricOf(k, std(folds.map((f) => f[k])))}</td>}
              <td className="muted">{LOWER_IS_BETTER.has(k) ? 'lower' : 'higher'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {folds && (
        <>
          <h4 className="run-subtitle">Per fold</h4>
          <div className="table-scroll">
            <table className="table metrics-table" data-testid="run-fold-metrics">
              <thead>
                <tr>
                  <th>Fold</th>
                  {keys.map((k) => (
                    <th key={k} className="num">
                      {metricLabel(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {folds.map((f, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    {keys.map((k) => (
                      <td key={k} className="num mono">
                        {formatMetricOf(k, f[k])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {run.report && <p className="muted small-note">Measured on {run.report.testRows.toLocaleString()} {folds ? 'out-of-fold' : 'test'} rows.</p>}
    </div>
  );
}
