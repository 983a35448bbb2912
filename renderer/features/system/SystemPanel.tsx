import { useEffect, useMemo, useRef } from 'react';
import { useSystem } from './store';
import { useJobs, isActive } from '../jobs/store';
import { useUi } from '../../app/ui-store';
import { EChart, type ChartOption } from '../../charts/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';

/** About this installation, and a machine check whose throughput draws live. */
export function SystemPanel() {
  const { info, error, checkJobId, runCheck } = useSystem();
  const close = () => useUi.getState().setSystemOpen(false);
  const job = useJobs((s) => (checkJobId ? s.jobs[checkJobId] : undefined));
  const points = useJobs((s) => (checkJobId ? s.points[checkJobId] : undefined));
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'value', name: 'GFLOP/s' },
      series: [{ type: 'line', showSymbol: false, data: (points ?? []).map((p) => [p.step, p.values.gflops]) }],
    }),
    [points],
  );
  const running = job ? isActive(job) : false;

  return (
    <div className="overlay" onClick={close}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="About Lathe" tabIndex={-1} ref={dialog} onClick={(e) => e.stopPropagation()} data-testid="system-panel">
        <header className="page-head">
          <h2>About this Lathe</h2>
          <button className="link" onClick={close} aria-label="Close">
            ✕
          </button>
        </header>
        <ErrorBanner error={error} />
        {info && (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running as</dt>
            <dd>{info.host === 'electron' ? 'desktop app' : 'browser mode'}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{info.home}</dd>
            <dt>Engines</dt>
            <dd>
              Node {info.versions.node} · SQLite {info.versions.sqlite}
              {info.versions.electron ? ` · Electron ${info.versions.electron}` : ''} · {info.platform} · {info.cpus} cores
            </dd>
          </dl>
        )}
        <h3>Machine check</h3>
        <p className="muted">Measures this machine's floating-point throughput in a background worker.</p>
        <button onClick={() => void runCheck(10)} disabled={running} data-testid="machine-check-start">
          {running ? 'Measuring…' : 'Run machine check (10 s)'}
        </button>
        {job && job.status === 'succeeded' && (
          <p data-testid="machine-check-result">
            Mean {(job.result as { meanGflops: number }).meanGflops.toFixed(2)} GFLOP/s
          </p>
        )}
        {points && points.length > 0 && <EChart option={option} height={200} testId="machine-check-chart" />}
      </div>
    </div>
  );
}
