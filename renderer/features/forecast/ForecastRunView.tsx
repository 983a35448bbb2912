import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { Tabs, type TabDef } from '../../components/Tabs';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotesTab } from '../experiments/NotesTab';
import { ArchitectureTab } from '../nn/ArchitectureTab';
import { isActiveStatus } from '../experiments/format';
import { ForecastHeader } from './ForecastHeader';
import { ForecastChart } from './ForecastChart';
import { BacktestTab, ComponentsTab, ResidualAcfTab } from './ForecastTabs';
import { forecastModelOf, forecastReportOf, forecastSpecOf } from './run';
import { modelLabel } from './format';
import './forecast.css';
import { StoredSettings } from '../experiments/StoredSettings';
import { noResultText } from '../experiments/stopped-run';

type ForecastTab = 'components' | 'backtest' | 'residuals' | 'architecture' | 'settings' | 'notes';

const TABS: TabDef<ForecastTab>[] = [
  { id: 'components', label: 'Components' },
  { id: 'backtest', label: 'Backtest' },
  { id: 'residuals', label: 'Residuals' },
  { id: 'architecture', label: 'Architecture' },
  { id: 'settings', label: 'Settings' },
  { id: 'notes', label: 'Notes' },
];

/** A forecast run: header and headline accuracy, the forecast chart, and its report in tabs. */
export function ForecastRunView({ run, error }: { run: RunDetailDto; error: string | null }) {
  const report = forecastReportOf(run);
  const [seriesId, setSeriesId] = useState<string | null>(null);
  const [tab, setTab] = useState<ForecastTab | null>(null);
  const series = report?.series.find((s) => s.id === seriesId) ?? report?.series[0] ?? null;
  // Components first when the model has them, else the backtest.
  const active: ForecastTab = tab ?? (series && series.components.length > 0 ? 'components' : 'backtest');

  return (
    <section className="run-detail forecast-run" data-testid="run-detail" aria-label="Forecast run">
      <ErrorBanner error={error} />
      <ForecastHeader run={run} report={report} />
      {report && series ? (
        <>
          <ForecastChart report={report} series={series} target={run.target ?? 'target'} onSeries={setSeriesId} />
          {report.notes.length > 0 && (
            <ul className="forecast-notes report" data-testid="forecast-report-notes">
              {report.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <Tabs tabs={TABS.filter((t) => t.id !== 'architecture' || report.network)} active={active} onChange={setTab} label="Forecast report" idPrefix="forecast" />
          <div role="tabpanel" id={`forecast-panel-${active}`} aria-labelledby={`forecast-tab-${active}`} className="run-panel" data-testid={`forecast-panel-${active}`}>
            {active === 'components' && <ComponentsTab series={series} report={report} model={report.model} />}
            {active === 'backtest' && <BacktestTab report={report} />}
            {active === 'residuals' && <ResidualAcfTab series={series} report={report} />}
            {active === 'architecture' && <ArchitectureTab run={run} network={report.network} preset="The lstm preset of its units over the run's windows" />}
            {active === 'settings' && <SettingsTab run={run} />}
            {active === 'notes' && <NotesTab key={run.id} run={run} />}
          </div>
        </>
      ) : (
        <p className="muted forecast-waiting" data-testid="forecast-waiting">
          {isActiveStatus(run.status)
            ? `The ${modelLabel(forecastModelOf(run))} forecast, its bands and its backtest appear here when the job ends.`
            : run.status === 'succeeded'
              ? 'This run has no forecast report.'
              : noResultText(run.status, 'No forecast was made', 'New forecast')}
        </p>
      )}
    </section>
  );
}

/** The stored arguments: what a re-run replays. */
function SettingsTab({ run }: { run: RunDetailDto }) {
  return <StoredSettings run={run} spec={forecastSpecOf(run)} testId="forecast-settings" />;
}
