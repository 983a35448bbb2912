import { useExperiments } from './store';
import { useCompare } from '../compare/store';
import { useUi } from '../../app/ui-store';

/** Opens Compare on the ticked runs. */
function compareTicked() {
  useCompare.getState().setTab('runs');
  useUi.getState().setSection('compare');
}

/**
 * Search over name, target, family, status, task, dataset, tags and params (e.g. "gbdt trees=300");
 * in Experiments also what is ticked, with Compare selected.
 */
export function RunsToolbar({ shown, total, ticked }: { shown: number; total: number; ticked?: Set<string> }) {
  const query = useExperiments((s) => s.query);
  const setQuery = useExperiments((s) => s.setQuery);
  return (
    <div className="runs-toolbar">
      <input
        type="search"
        className="runs-search"
        placeholder="Search runs: target, family, status, params (trees=300)…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && query && (e.stopPropagation(), setQuery(''))}
        aria-label="Search runs"
        data-testid="runs-search"
      />
      <span className="muted runs-count" aria-live="polite">
        {shown === total ? `${total.toLocaleString()} run${total === 1 ? '' : 's'}` : `${shown.toLocaleString()} of ${total.toLocaleString()} runs`}
      </span>
      {ticked && ticked.size > 0 && (
        <span className="runs-ticked">
          <span className="muted" data-testid="runs-ticked-count">
            {ticked.size} ticked
          </span>
          <button type="button" className="small" onClick={compareTicked} disabled={ticked.size < 2} title={ticked.size < 2 ? 'Tick at least two runs' : 'Open Compare with the ticked runs'} data-testid="compare-selected">
            Compare selected
          </button>
          <button type="button" className="small secondary" onClick={() => useCompare.getState().clear()} data-testid="ticks-clear">
            Clear
          </button>
        </span>
      )}
    </div>
  );
}
