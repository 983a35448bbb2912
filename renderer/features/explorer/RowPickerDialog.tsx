import { useEffect, useRef, useState } from 'react';
import type { ExplorerRowDto, ExplorerValue } from '../../../shared/api/methods/explorer';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatValue } from './explain';
import { toDateText } from './form-values';
import { ROWS_PER_PAGE } from './rows-slice';
import { useExplorer } from './store';
import './explorer.css';

/** Typing settles this long before the search runs (a search reads the whole dataset). */
const SEARCH_DEBOUNCE_MS = 300;

const cellText = (v: ExplorerValue | undefined, kind: string) =>
  v === null || v === undefined ? '—' : kind === 'date' && typeof v === 'number' ? toDateText(v) : typeof v === 'number' ? formatValue(v) : String(v);

/** The model's dataset, a page at a time and searchable; choosing a row fills the what-if form with it. */
export function RowPickerDialog() {
  const schema = useExplorer((s) => s.schema);
  const page = useExplorer((s) => s.rowsPage);
  const loading = useExplorer((s) => s.rowsLoading);
  const error = useExplorer((s) => s.rowsError);
  const close = useExplorer((s) => s.closePicker);
  const load = useExplorer((s) => s.loadRows);
  const pick = useExplorer((s) => s.pickRow);
  const [search, setSearch] = useState(page?.search ?? '');
  const first = useRef(true);

  useEffect(() => {
    // The page already shown is for the search the box starts with.
    if (first.current) return void (first.current = false);
    const t = setTimeout(() => void load(0, search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search, load]);

  if (!schema) return null;
  const offset = page?.offset ?? 0;
  const total = page?.total ?? 0;
  const choose = (row: ExplorerRowDto) => pick(row);

  return (
    <Dialog title={`Pick a row of ${schema.datasetName ?? 'the dataset'}`} onClose={close} testId="row-picker">
      <div className="row-picker-bar">
        <input
          type="search"
          placeholder="Search any value…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search the rows"
          data-autofocus
          data-testid="row-search"
        />
        <span className="muted small-note" data-testid="row-count" aria-live="polite">
          {loading ? 'Reading…' : page ? (total === 0 ? 'No rows match' : `Rows ${(offset + 1).toLocaleString()}–${(offset + page.rows.length).toLocaleString()} of ${total.toLocaleString()}${page.search ? ' matching' : ''}`) : ''}
        </span>
        <span className="row-picker-pager">
          <button type="button" className="small" disabled={loading || offset === 0} onClick={() => void load(Math.max(0, offset - ROWS_PER_PAGE), search)} data-testid="rows-prev">
            ‹ Previous
          </button>
          <button type="button" className="small" disabled={loading || offset + ROWS_PER_PAGE >= total} onClick={() => void load(offset + ROWS_PER_PAGE, search)} data-testid="rows-next">
            Next ›
          </button>
        </span>
      </div>
      <ErrorBanner error={error} />
      <div className="row-picker-table" aria-busy={loading}>
        <table>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col" className="row-picker-target">{schema.target}</th>
              {schema.inputs.map((i) => (
                <th key={i.column} scope="col" title={i.column}>
                  {i.column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r) => (
              <tr key={r.row} data-row={r.row} tabIndex={0} onClick={() => choose(r)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), choose(r))} title="Use this row">
                <td className="mono muted">{r.row.toLocaleString()}</td>
                <td className="row-picker-target">{cellText(r.actual, 'categorical')}</td>
                {schema.inputs.map((i) => (
                  <td key={i.column} className={i.kind === 'numeric' || i.kind === 'date' ? 'num' : undefined}>
                    {cellText(r.values[i.column], i.kind)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-note">Click a row to fill every input with its values.</p>
    </Dialog>
  );
}
