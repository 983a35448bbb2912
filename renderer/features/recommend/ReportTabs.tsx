import { useMemo, useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { GROUP_STRATEGIES, type GroupStrategy } from '../../../shared/families/recommend';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { formatMetric } from '../experiments/format';
import { itemMapOption } from './charts';
import { modelLabel, plural, recommendSpecOf } from './format';
import { StoredSettings } from '../experiments/StoredSettings';

/** Items placed by their learned vectors (2-D PCA): neighbours are items the model treats alike. */
export function ItemMapTab({ report }: { report: RecommendReportDto }) {
  const dark = useUi((s) => s.theme === 'dark');
  const option = useMemo(() => itemMapOption(report, dark), [report, dark]);
  if (!report.itemMap?.length) {
    return (
      <p className="muted" data-testid="rec-map-none">
        {modelLabel(report.model)} has no item vectors to map. Matrix factorization, ALS, neural CF and the content model do.
      </p>
    );
  }
  return (
    <div data-testid="rec-map">
      <p className="muted small-note">
        {plural(report.itemMap.length, 'item')} placed by the first two principal components of their vectors; bigger dots are more popular.
        {report.itemMapColour ? ` Coloured by ${report.itemMapColour}.` : ' Give item features to colour them by a category.'} Hover a dot for its name.
      </p>
      <EChart option={option} height={420} notMerge testId="rec-map-chart" />
    </div>
  );
}

/** Group recommendations on generated groups: how the average member and the worst-off member fared. */
export function GroupsTab({ report }: { report: RecommendReportDto }) {
  const kinds = [...new Set(report.groups.map((g) => g.kind))];
  const [chosen, setKind] = useState<string | null>(null);
  const kind = kinds.find((k) => k === chosen) ?? kinds[0];
  const rows = report.groups.filter((g) => g.kind === kind);
  const sizes = [...new Set(rows.map((g) => g.size))].sort((a, b) => a - b);
  const strategies = [...new Set(rows.map((g) => g.strategy))];
  if (!strategies.length) return <p className="muted">No groups were evaluated in this run (too few users with held-out interactions).</p>;
  const cell = (s: GroupStrategy, size: number) => rows.find((g) => g.strategy === s && g.size === size);
  const best = (size: number) => Math.max(...rows.filter((g) => g.size === size).map((g) => g.meanNdcg));

  return (
    <div data-testid="rec-groups">
      <div className="rec-atk-bar">
        <p className="muted small-note">
          Each strategy recommends {report.k} items to generated groups; every member’s nDCG@{report.k} is scored on their own held-out items. Each cell: the mean member (the best per size
          in bold) and, under it, the worst-off member.
        </p>
        {kinds.length > 1 && (
          <label>
            <span className="muted">Groups </span>
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="rec-groups-kind">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k === 'similar' ? 'of similar users' : 'of random users'}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="rec-table-wrap" tabIndex={0} role="region" aria-label="Group strategies by group size">
        <table className="table rec-groups-table" data-testid="rec-groups-table">
          <thead>
            <tr>
              <th>Strategy</th>
              {sizes.map((size) => (
                <th key={size} className="num" title={plural(rows.find((g) => g.size === size)?.groups ?? 0, 'group')}>
                  {size} members
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {strategies.map((s) => (
              <tr key={s}>
                <th scope="row" className="rec-strategy">
                  {s}
                  <span className="muted rec-strategy-desc">{GROUP_STRATEGIES[s]}</span>
                </th>
                {sizes.map((size) => {
                  const g = cell(s, size);
                  return (
                    <td key={size} className="num mono">
                      <span className={g && g.meanNdcg === best(size) ? 'rec-best' : undefined}>{formatMetric(g?.meanNdcg)}</span>
                      <span className="muted rec-min">min {formatMetric(g?.minNdcg)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The hybrid's fitted weight of each member. */
export function BlendTab({ report }: { report: RecommendReportDto }) {
  const blend = [...(report.blend ?? [])].sort((a, b) => b.weight - a.weight);
  const total = blend.reduce((s, b) => s + Math.abs(b.weight), 0) || 1;
  return (
    <div data-testid="rec-blend">
      <p className="muted small-note">Fitted on a validation share of each user’s training interactions; members’ scores are standardised before they are weighed.</p>
      <ul className="rec-blend">
        {blend.map((b) => (
          <li key={b.member}>
            <span className="rec-blend-name">{modelLabel(b.member)}</span>
            <span className="rec-blend-bar" aria-hidden>
              <span style={{ width: `${(100 * Math.abs(b.weight)) / total}%` }} />
            </span>
            <span className="mono">{formatMetric(b.weight)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The stored arguments: what a re-run replays. */
export function SettingsTab({ run }: { run: RunDetailDto }) {
  return <StoredSettings run={run} spec={recommendSpecOf(run)} testId="rec-settings" />;
}
