import { useMemo, useState } from 'react';
import type { DeploymentDetailDto } from '../../../shared/api/methods/deployments';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { metricOption } from './charts';
import { formatInterval, metricsOf, versionTotals } from './view';

/** Each version's live metrics per window with their 95 % intervals: a chart of the picked one and the last window's values. */
export function VersionMetrics({ d }: { d: DeploymentDetailDto }) {
  const dark = useUi((s) => s.theme) === 'dark';
  const metrics = metricsOf(d);
  const [picked, setPicked] = useState<string | null>(null);
  const key = picked && metrics.some((m) => m.key === picked) ? picked : (metrics[0]?.key ?? 'successRate');
  const option = useMemo(() => metricOption(d, key, dark), [d, key, dark]);
  const totals = versionTotals(d);
  // The table keeps to the quality metrics, success rate and p99; the chart shows p50 too.
  const columns = metrics.filter((m) => m.key !== 'latencyP50Ms');
  return (
    <>
      <div className="deploy-metric-head">
        <label className="field inline-field">
          <span className="run-field-label">Metric</span>
          <select value={key} onChange={(e) => setPicked(e.target.value)} data-testid="deploy-metric">
            {metrics.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small-note">per {d.windowS} s window; the band is the 95 % interval (Wilson for shares, bootstrap for errors)</span>
      </div>
      <EChart option={option} height={240} testId="deploy-metric-chart" notMerge />
      <div className="table-scroll">
        <table className="table registry-table" data-testid="version-metrics">
          <thead>
            <tr>
              <th>Version</th>
              <th>Requests</th>
              {columns.map((m) => (
                <th key={m.key}>{m.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr key={t.version}>
                <td className="nowrap">
                  <strong>{t.version}</strong> <span className="muted">{t.role}</span>
                </td>
                <td className="mono">{t.requests.toLocaleString()}</td>
                {columns.map((m) => (
                  <td key={m.key} className="mono nowrap">
                    {t.last[m.key] ? formatInterval(m.key, t.last[m.key]) : '–'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-note">The table shows each version’s last window with data.</p>
    </>
  );
}
