import type { DeploymentDetailDto } from '../../../shared/api/methods/deployments';
import { formatValue } from './view';

const p = (v: number) => (v < 0.001 ? '< 0.001' : v.toPrecision(2));

/** Candidate (B) against stable (A): the Compare page's paired statistics on requests both scored, else each arm on its own. */
export function ComparisonTable({ d }: { d: DeploymentDetailDto }) {
  if (d.comparisons.length === 0) {
    return <p className="muted small-note">No comparison: it needs the outcomes of requests sent back as feedback (POST /feedback), with answers from both versions.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table registry-table" data-testid="ab-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>A (stable)</th>
            <th>B (candidate)</th>
            <th>B − A, 95 % CI</th>
            <th>Rows</th>
            <th>McNemar</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {d.comparisons.map((c) => (
            <tr key={`${c.metric}-${c.versionB}`} className={`ab-${c.verdict}`} data-verdict={c.verdict}>
              <td>{c.metric.toUpperCase()}</td>
              <td className="mono">
                {formatValue(c.metric, c.valueA)} <span className="muted">{c.versionA}</span>
              </td>
              <td className="mono">
                {formatValue(c.metric, c.valueB)} <span className="muted">{c.versionB}</span>
              </td>
              <td className="mono nowrap">
                {formatValue(c.metric, c.difference.estimate)} ({formatValue(c.metric, c.difference.lo)} … {formatValue(c.metric, c.difference.hi)})
              </td>
              <td className="mono nowrap" title={c.design === 'paired' ? 'requests both versions scored' : 'each version on its own requests; each arm resampled on its own'}>
                {c.rows.toLocaleString()} {c.design === 'paired' ? 'paired' : 'in 2 arms'}
              </td>
              <td className="mono">{c.mcnemar ? `${c.mcnemar.onlyA} / ${c.mcnemar.onlyB}, p ${p(c.mcnemar.pValue)}` : '–'}</td>
              <td className="ab-verdict-cell">{c.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
