import { useEffect, useState } from 'react';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { useDatasets } from './store';
import { countLabel, filterLabel, isFiltered } from './table-view';

const SEARCH_DEBOUNCE_MS = 250;

/** Search across text columns, the rows in view out of all, and the active filters as removable chips. */
export function TableToolbar({ columns, datasetRows }: { columns: ColumnDto[]; datasetRows: number }) {
  const view = useDatasets((s) => s.view);
  const total = useDatasets((s) => s.total);
  const setSearch = useDatasets((s) => s.setSearch);
  const setFilter = useDatasets((s) => s.setFilter);
  const clearFilters = useDatasets((s) => s.clearFilters);
  const [text, setText] = useState(view.search);
  // The store's search changes elsewhere too (clear filters): follow it.
  useEffect(() => setText(view.search), [view.search]);
  useEffect(() => {
    if (text === view.search) return;
    const t = setTimeout(() => setSearch(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, view.search, setSearch]);
  const filtered = isFiltered(view);
  const searchable = columns.some((c) => c.type === 'text' || c.type === 'categorical');

  return (
    <div className="dt-toolbar">
      <input
        type="search"
        className="dt-search"
        placeholder={searchable ? 'Search text columns…' : 'No text columns to search'}
        disabled={!searchable}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && setSearch(text)}
        aria-label="Search the text and categorical columns"
        maxLength={200}
        data-testid="table-search"
      />
      <ul className="dt-chips" aria-label="Active filters">
        {Object.values(view.filters).map((f) => (
          <li key={f.position} className="dt-chip">
            <span>{filterLabel(f, columns[f.position])}</span>
            <button type="button" onClick={() => setFilter(f.position, null)} aria-label={`Remove the filter on ${columns[f.position].name}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {filtered && (
        <button type="button" className="secondary small" onClick={clearFilters} data-testid="clear-filters">
          Clear filters
        </button>
      )}
      <span className="dt-count muted" role="status" aria-live="polite" data-testid="row-count">
        {countLabel(total, datasetRows, filtered)}
      </span>
    </div>
  );
}
