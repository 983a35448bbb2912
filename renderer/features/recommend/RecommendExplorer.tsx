import { useEffect } from 'react';
import { Tabs, type TabDef } from '../../components/Tabs';
import { useRecommendExplorer, type RecommendView } from './explore-store';
import { UserSearch } from './UserSearch';
import { History, Recommendations } from './ItemLists';
import { GroupPanel } from './GroupPanel';
import { ColdPanel, SimilarPanel } from './ColdPanel';
import './recommend.css';

const TABS: TabDef<RecommendView>[] = [
  { id: 'user', label: 'For a user' },
  { id: 'group', label: 'For a group' },
  { id: 'cold', label: 'Someone new' },
  { id: 'similar', label: 'Similar items' },
];

/** The Explorer for a recommender: a user's list beside their history, a group's, a newcomer's, an item's neighbours. */
export function RecommendExplorer({ modelRef, runId, label }: { modelRef: string; runId: string | null; label: string }) {
  const view = useRecommendExplorer((s) => s.view);
  const setView = useRecommendExplorer((s) => s.setView);

  useEffect(() => useRecommendExplorer.getState().open(modelRef, runId), [modelRef, runId]);

  return (
    <div className="rec-explorer" data-testid="rec-explorer">
      <p className="muted small-note">
        <span className="mono">{label}</span> recommends from its stored model: pick a user, build a group, describe someone new, or start from an item.
      </p>
      <Tabs tabs={TABS} active={view} onChange={setView} label="Recommender views" idPrefix="rec-explore" />
      <div role="tabpanel" id={`rec-explore-panel-${view}`} aria-labelledby={`rec-explore-tab-${view}`} className="rec-explore-panel">
        {view === 'user' && <UserPanel />}
        {view === 'group' && <GroupPanel />}
        {view === 'cold' && <ColdPanel />}
        {view === 'similar' && <SimilarPanel />}
      </div>
    </div>
  );
}

/** Search a user; their history on the left, what the model recommends them on the right, with reasons. */
function UserPanel() {
  const user = useRecommendExplorer((s) => s.user);
  const state = useRecommendExplorer((s) => s.forUser);
  const chooseUser = useRecommendExplorer((s) => s.chooseUser);
  return (
    <div className="rec-user" data-testid="rec-user">
      <div className="rec-user-pick">
        <UserSearch label="Find a user" testId="rec-user" onPick={(u) => void chooseUser(u)} />
        {user && (
          <p className="small-note" data-testid="rec-user-chosen">
            Recommending for <strong className="mono">{user}</strong>
          </p>
        )}
      </div>
      <div className="rec-side-by-side">
        <History answer={state.answer} />
        <Recommendations state={state} empty="Pick a user to see their recommendations next to what they already liked." testId="rec-user-result" />
      </div>
    </div>
  );
}
