import { useExperiments } from './store';

/** Search over target, family, status, task, dataset, tags and params (e.g. "gbdt trees=300"). */
export function RunsToolbar({ shown, total }: { shown: number; total: number }) {
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
    </div>
  );
}
