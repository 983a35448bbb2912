import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatWhen } from '../../components/format';
import { useUi } from '../../app/ui-store';
import { useDeployments } from './store';
import { trafficOption } from './charts';
import { VersionMetrics } from './VersionMetrics';
import { CanaryTimeline } from './CanaryTimeline';
import { ComparisonTable } from './ComparisonTable';

/** One deployment: traffic split over time, per-version metrics, the canary timeline and the A/B result. */
export function DeploymentDetail() {
  const d = useDeployments((s) => s.detail);
  const error = useDeployments((s) => s.detailError);
  const selected = useDeployments((s) => s.selected);
  const dark = useUi((s) => s.theme) === 'dark';
  const traffic = useMemo(() => (d ? trafficOption(d, dark) : null), [d, dark]);

  if (!d || !traffic) {
    return (
      <section className="dataset-detail" data-testid="deployment-detail" aria-busy={!error}>
        {error ? <ErrorBanner error={error} /> : <p className="muted">{selected ? 'Loading the deployment…' : 'Select a deployment.'}</p>}
      </section>
    );
  }
  return (
    <section className="dataset-detail deployment-detail" data-testid="deployment-detail" aria-label={`Deployment ${d.name}`}>
      <div className="dataset-title">
        <h2 data-testid="deployment-title">{d.name}</h2>
        <span className={`badge deploy-outcome outcome-${d.outcome}`} data-testid="deployment-outcome">
          {d.outcome}
        </span>
      </div>
      <p className="muted small-note">
        {d.policy} · {d.modelName ? `model ${d.modelName} · ` : ''}
        {d.versions.join(' → ')} · {d.requests.toLocaleString()} requests · {d.startedAt ? formatWhen(d.startedAt) : '–'} to {d.endedAt ? formatWhen(d.endedAt) : '–'} ·
        from <span className="mono">{d.source}</span>
      </p>
      <section className="model-block" aria-labelledby="deploy-traffic-title">
        <h3 id="deploy-traffic-title" className="run-section-title">
          Traffic split
        </h3>
        <EChart option={traffic} height={220} testId="deploy-traffic-chart" notMerge />
      </section>
      <section className="model-block" aria-labelledby="deploy-metrics-title">
        <h3 id="deploy-metrics-title" className="run-section-title">
          Live metrics per version
        </h3>
        <VersionMetrics d={d} />
      </section>
      <section className="model-block" aria-labelledby="deploy-timeline-title">
        <h3 id="deploy-timeline-title" className="run-section-title">
          Canary timeline
        </h3>
        <CanaryTimeline d={d} />
      </section>
      <section className="model-block" aria-labelledby="deploy-ab-title">
        <h3 id="deploy-ab-title" className="run-section-title">
          A/B result
        </h3>
        <ComparisonTable d={d} />
      </section>
    </section>
  );
}
