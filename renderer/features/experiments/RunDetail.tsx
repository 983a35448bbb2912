import type { ReactNode } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { useExperiments } from './store';
import type { DetailTab } from './detail-slice';
import { RunHeader } from './RunHeader';
import { RunCurves } from './RunCurves';
import { MetricsTab } from './MetricsTab';
import { CalibrationTab, ConfusionTab, ImportanceTab, ResidualsTab } from './ReportTabs';
import { RocPrTab } from './RocPrTab';
import { ParamsTab } from './ParamsTab';
import { ArchitectureTab } from '../nn/ArchitectureTab';
import { NotesTab } from './NotesTab';
import { Tabs, type TabDef } from '../../components/Tabs';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ForecastRunView } from '../forecast/ForecastRunView';
import { isForecastRun } from '../forecast/run';
import { RecommendRunView } from '../recommend/RecommendRunView';
import { isRecommendRun } from '../recommend/format';

/** The tabs that mean something for this run: confusion for classifiers, residuals for regressions… */
function tabsFor(run: RunDetailDto): TabDef<DetailTab>[] {
  const r = run.report;
  const tabs: TabDef<DetailTab>[] = [{ id: 'metrics', label: 'Metrics' }];
  if (r?.confusion) tabs.push({ id: 'confusion', label: 'Confusion' });
  if (r?.calibration) tabs.push({ id: 'calibration', label: 'Calibration' });
  if (r?.roc) tabs.push({ id: 'rocpr', label: 'ROC / PR' });
  if (r?.residuals) tabs.push({ id: 'residuals', label: 'Residuals' });
  if (r && r.importance.length > 0) tabs.push({ id: 'importance', label: 'Importance' });
  if (r?.network) tabs.push({ id: 'architecture', label: 'Architecture' });
  tabs.push({ id: 'params', label: 'Params' }, { id: 'notes', label: 'Notes' });
  return tabs;
}

const PANELS: Record<DetailTab, (p: { run: RunDetailDto }) => ReactNode> = {
  metrics: MetricsTab,
  confusion: ConfusionTab,
  calibration: CalibrationTab,
  rocpr: RocPrTab,
  residuals: ResidualsTab,
  importance: ImportanceTab,
  architecture: ArchitectureTab,
  params: ParamsTab,
  notes: NotesTab,
};

/** One run: header and actions, its learning curves, and its report in tabs. */
export function RunDetail() {
  const run = useExperiments((s) => s.detail);
  const error = useExperiments((s) => s.detailError);
  const chosen = useExperiments((s) => s.detailTab);
  const setTab = useExperiments((s) => s.setDetailTab);

  if (!run) {
    return (
      <section className="run-detail" data-testid="run-detail" aria-busy={!error}>
        {error ? <ErrorBanner error={error} /> : <p className="muted">Loading the run…</p>}
      </section>
    );
  }
  if (isForecastRun(run)) return <ForecastRunView run={run} error={error} />;
  if (isRecommendRun(run)) return <RecommendRunView run={run} error={error} />;
  const tabs = tabsFor(run);
  const active = tabs.some((t) => t.id === chosen) ? chosen : 'metrics';
  const Panel = PANELS[active];
  return (
    <section className="run-detail" data-testid="run-detail" aria-label="Run detail">
      <ErrorBanner error={error} />
      <RunHeader run={run} />
      <RunCurves run={run} />
      <Tabs tabs={tabs} active={active} onChange={setTab} label="Run report" idPrefix="run" />
      <div role="tabpanel" id={`run-panel-${active}`} aria-labelledby={`run-tab-${active}`} className="run-panel" data-testid={`run-panel-${active}`}>
        <Panel key={`${run.id}:${active}`} run={run} />
      </div>
    </section>
  );
}
