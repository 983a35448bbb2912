import { useEffect, useState } from 'react';
import { connectDeploymentEvents, useDeployments } from './store';
import { DeploymentList } from './DeploymentList';
import { DeploymentDetail } from './DeploymentDetail';
import { ImportDialog } from './ImportDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Deployments: what lathe serve-model did with real traffic — splits, live metrics, canary decisions, A/B results. */
export function DeploymentsPage() {
  const list = useDeployments((s) => s.list);
  const loaded = useDeployments((s) => s.loaded);
  const error = useDeployments((s) => s.error);
  const dismissError = useDeployments((s) => s.dismissError);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    const off = connectDeploymentEvents();
    const s = useDeployments.getState();
    void s.load();
    if (s.selected) void s.reloadDetail();
    return off;
  }, []);

  const empty = loaded && list.length === 0;
  return (
    <section className="page" data-testid="page-deployments">
      <header className="page-head">
        <h1>Deployments</h1>
        <button type="button" onClick={() => setImporting(true)} data-testid="deploy-import-open">
          Import logs…
        </button>
      </header>
      <ErrorBanner error={error} onDismiss={dismissError} />
      {empty ? (
        <EmptyState title="No deployments yet" testId="empty-deployments" action={<button onClick={() => setImporting(true)}>Import logs…</button>}>
          <p>
            Serve a registered model with <code>lathe serve-model NAME@VERSION --logs DIR</code> (a canary, A/B or shadow policy with <code>--policy FILE</code>), then
            import the log folder here or with <code>lathe deployments import DIR --model NAME</code>. You get the traffic split over time, live metrics per version
            with intervals, every canary decision with its evidence, and the A/B result; server rollbacks go into the model’s alias history.
          </p>
        </EmptyState>
      ) : (
        <div className="datasets-layout models-layout">
          <DeploymentList />
          <DeploymentDetail />
        </div>
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}
