import { useMemo, useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { Tabs, type TabDef } from '../../components/Tabs';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { NotesTab } from '../experiments/NotesTab';
import { ArchitectureTab } from '../nn/ArchitectureTab';
import { RunCurves } from '../experiments/RunCurves';
import { isActiveStatus } from '../experiments/format';
import { RecommendHeader } from './RecommendHeader';
import { BlendTab, GroupsTab, ItemMapTab, SettingsTab } from './ReportTabs';
import { RANKING_LABEL, RANKING_METRICS, SLICE_LABEL, atKOption, slicesOf, type RankingMetric, type Slice } from './charts';
import { modelLabel, recommendModelOf, recommendReportOf } from './format';
import './recommend.css';
import { noResultText } from '../experiments/stopped-run';

type RecommendTab = 'map' | 'groups' | 'blend' | 'architecture' | 'settings' | 'notes';

function tabsFor(r: RecommendReportDto | null): TabDef<RecommendTab>[] {
  const tabs: TabDef<RecommendTab>[] = [];
  if (r) tabs.push({ id: 'map', label: 'Item map' }, { id: 'groups', label: 'Groups' });
  if (r?.blend?.length) tabs.push({ id: 'blend', label: 'Blend' });
  if (r?.network) tabs.push({ id: 'architecture', label: 'Architecture' });
  tabs.push({ id: 'settings', label: 'Settings' }, { id: 'notes', label: 'Notes' });
  return tabs;
}

/** A recommender run: header with the headline metrics, its curves, the metrics at k and its report in tabs. */
export function RecommendRunView({ run, error }: { run: RunDetailDto; error: string | null }) {
  const report = recommendReportOf(run);
  const [chosen, setTab] = useState<RecommendTab | null>(null);
  const tabs = tabsFor(report);
  const active = tabs.find((t) => t.id === chosen)?.id ?? tabs[0].id;

  return (
    <section className="run-detail rec-run" data-testid="run-detail" aria-label="Recommender run">
      <ErrorBanner error={error} />
      <RecommendHeader run={run} report={report} />
      {report ? (
        <>
          {report.notes.length > 0 && (
            <ul className="rec-notes" data-testid="rec-notes">
              {report.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <AtKChart report={report} />
        </>
      ) : (
        <p className="muted rec-waiting" data-testid="rec-waiting">
          {isActiveStatus(run.status)
            ? `The ${modelLabel(recommendModelOf(run))} model’s metrics at k, groups and item map appear here when training ends.`
            : run.status === 'succeeded'
              ? 'This run has no recommender report.'
              : noResultText(run.status, 'Nothing was trained', 'New run')}
        </p>
      )}
      {(isActiveStatus(run.status) || Object.keys(run.curves).length > 0) && <RunCurves run={run} />}
      <Tabs tabs={tabs} active={active} onChange={setTab} label="Recommender report" idPrefix="rec" />
      <div role="tabpanel" id={`rec-panel-${active}`} aria-labelledby={`rec-tab-${active}`} className="run-panel" data-testid={`rec-panel-${active}`}>
        {active === 'map' && report && <ItemMapTab report={report} />}
        {active === 'groups' && report && <GroupsTab report={report} />}
        {active === 'blend' && report && <BlendTab report={report} />}
        {active === 'architecture' && report && <ArchitectureTab run={run} network={report.network} preset="The ncf preset of its factors and MLP layers" />}
        {active === 'settings' && <SettingsTab run={run} />}
        {active === 'notes' && <NotesTab key={run.id} run={run} />}
      </div>
    </section>
  );
}

/** One ranking metric at k = 1 … 20, for all users and the cold slices the user keeps shown. */
function AtKChart({ report }: { report: RecommendReportDto }) {
  const dark = useUi((s) => s.theme === 'dark');
  const [metric, setMetric] = useState<RankingMetric>('ndcg');
  const slices = slicesOf(report);
  const [hidden, setHidden] = useState<Slice[]>([]);
  const shown = slices.filter((s) => !hidden.includes(s));
  const option = useMemo(() => atKOption(report, metric, shown, dark), [report, metric, shown.join(), dark]);
  const toggle = (s: Slice) => setHidden((h) => (h.includes(s) ? h.filter((x) => x !== s) : [...h, s]));

  return (
    <section className="rec-atk" aria-label="Ranking metrics by list length">
      <div className="rec-atk-bar">
        <h3 className="run-section-title">Metrics at k</h3>
        <label>
          <span className="muted">Metric </span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as RankingMetric)} data-testid="rec-atk-metric">
            {RANKING_METRICS.map((m) => (
              <option key={m} value={m}>
                {RANKING_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        {slices.length > 1 && (
          <div className="rec-slices" role="group" aria-label="Users shown">
            {slices.map((s) => (
              <label key={s} className="rec-slice">
                <input type="checkbox" checked={!hidden.includes(s)} onChange={() => toggle(s)} data-testid={`rec-slice-${s}`} />
                <span>{SLICE_LABEL[s]}</span>
              </label>
            ))}
          </div>
        )}
        <span className="muted small-note">Held-out items ranked against the whole catalogue, training items left out.</span>
      </div>
      {shown.length ? <EChart option={option} height={280} notMerge testId="rec-atk-chart" /> : <p className="muted">Tick a group of users to draw its curve.</p>}
    </section>
  );
}
