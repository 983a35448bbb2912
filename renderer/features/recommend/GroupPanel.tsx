import { GROUP_STRATEGIES, type GroupStrategy } from '../../../shared/families/recommend';
import type { RecommendAnswerDto } from '../../../shared/api/recommend-dto';
import { formatMetric, formatMs } from '../experiments/format';
import { ErrorBanner } from '../../components/ErrorBanner';
import { GROUP_MAX, GROUP_MIN, useRecommendExplorer } from './explore-store';
import { UserSearch } from './UserSearch';
import { formatShare } from './format';

/** A group of 2–8 users, how their tastes are combined, and what each member gets out of the list. */
export function GroupPanel() {
  const members = useRecommendExplorer((s) => s.members);
  const strategy = useRecommendExplorer((s) => s.strategy);
  const state = useRecommendExplorer((s) => s.forGroup);
  const { addMember, removeMember, setStrategy, recommendGroup } = useRecommendExplorer.getState();
  const full = members.length >= GROUP_MAX;
  const ready = members.length >= GROUP_MIN;

  return (
    <div className="rec-group" data-testid="rec-group">
      <div className="rec-group-build">
        <div>
          <h4 className="run-subtitle">Members</h4>
          <ul className="rec-chips" aria-label="Group members" data-testid="rec-members">
            {members.map((m) => (
              <li key={m} className="rec-chip">
                <span className="mono">{m}</span>
                <button type="button" className="link" onClick={() => removeMember(m)} aria-label={`Remove ${m} from the group`} data-testid={`rec-member-remove-${m}`}>
                  ×
                </button>
              </li>
            ))}
            {members.length === 0 && <li className="muted">Add {GROUP_MIN} to {GROUP_MAX} users with the search below.</li>}
          </ul>
          <UserSearch label="Add a member" testId="rec-group-user" onPick={addMember} taken={members} disabled={full} foldOnPick={false} />
          {full && <p className="muted small-note">A group has at most {GROUP_MAX} members here.</p>}
        </div>
        <fieldset className="rec-strategies">
          <legend>Strategy</legend>
          {(Object.keys(GROUP_STRATEGIES) as GroupStrategy[]).map((s) => (
            <label key={s} className={`rec-strategy-option${strategy === s ? ' active' : ''}`} data-testid={`rec-strategy-${s}`}>
              <input type="radio" name="rec-strategy" value={s} checked={strategy === s} onChange={() => setStrategy(s)} />
              <span className="mono">{s}</span>
              <span className="muted">{GROUP_STRATEGIES[s]}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="rec-group-go">
        <button type="button" onClick={() => void recommendGroup()} disabled={!ready || state.busy} data-testid="rec-group-submit">
          {state.busy ? 'Recommending…' : 'Recommend for the group'}
        </button>
        {!ready && <span className="muted">{GROUP_MIN - members.length === 1 ? 'Add one more member.' : `Add ${GROUP_MIN - members.length} more members.`}</span>}
      </div>
      <ErrorBanner error={state.error} />
      {state.answer && <GroupTable answer={state.answer} />}
    </div>
  );
}

/** Items down, members across: each member's predicted score as a heat cell, their satisfaction below. */
function GroupTable({ answer }: { answer: RecommendAnswerDto }) {
  const members = answer.members ?? [];
  const all = members.flatMap((m) => m.scores).filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const heat = (v: number) => (hi > lo ? Math.round(4 + 30 * ((v - lo) / (hi - lo))) : 16);
  return (
    <div data-testid="rec-group-result">
      <p className="muted small-note">
        {answer.how}, {formatMs(answer.durationMs)}. Darker cells: a member’s higher predicted score. Satisfaction: how much of their own best list each member gets.
      </p>
      <div className="rec-table-wrap" tabIndex={0} role="region" aria-label="Scores per member">
        <table className="table rec-heat" data-testid="rec-group-table">
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Group score</th>
              {members.map((m) => (
                <th key={m.user} className="num mono" title={m.known ? undefined : 'Not in the training data: scored as a newcomer'}>
                  {m.user}
                  {!m.known && ' *'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {answer.items.map((it, i) => (
              <tr key={it.item}>
                <td>
                  {it.label ?? it.item} <span className="muted rec-reason">{it.reason}</span>
                </td>
                <td className="num mono">{formatMetric(it.score)}</td>
                {members.map((m) => (
                  <td key={m.user} className="num mono rec-heat-cell" style={{ background: `color-mix(in srgb, var(--accent) ${heat(m.scores[i])}%, var(--panel))` }}>
                    {formatMetric(m.scores[i])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="rec-satisfaction">
              <th scope="row" colSpan={2}>
                Satisfaction
              </th>
              {members.map((m) => (
                <td key={m.user} className="num mono">
                  {formatShare(m.satisfaction)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
