import { useEffect, useState, type FormEvent } from 'react';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { filterKindFor, parseBound, valueLabel, type RowFilter } from './table-view';

type Value = string | number | null;
const VALUES_SHOWN = 200;

interface Props {
  datasetId: string;
  column: ColumnDto;
  current: RowFilter | undefined;
  onApply: (filter: RowFilter | null) => void;
  onClose: () => void;
}

/** One column's filter: a range for numbers, values to pick for categories, "contains" for text. */
export function FilterDialog({ datasetId, column, current, onApply, onClose }: Props) {
  const kind = filterKindFor(column.type);
  const [min, setMin] = useState(current?.kind === 'range' && current.min !== undefined ? String(current.min) : '');
  const [max, setMax] = useState(current?.kind === 'range' && current.max !== undefined ? String(current.max) : '');
  const [text, setText] = useState(current?.kind === 'contains' ? current.text : '');
  const [picked, setPicked] = useState<Value[]>(current?.kind === 'values' ? current.values : []);
  const lo = parseBound(min);
  const hi = parseBound(max);
  const rangeOk = lo !== 'invalid' && hi !== 'invalid' && (lo === undefined || hi === undefined || lo <= hi);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'range') {
      if (!rangeOk) return;
      onApply(lo === undefined && hi === undefined ? null : { kind, position: column.position, ...(lo !== undefined ? { min: lo } : {}), ...(hi !== undefined ? { max: hi } : {}) });
    } else if (kind === 'values') onApply(picked.length ? { kind, position: column.position, values: picked } : null);
    else onApply(text.trim() ? { kind, position: column.position, text } : null);
    onClose();
  };

  return (
    <Dialog title={`Filter “${column.name}”`} onClose={onClose} small testId="filter-dialog">
      <form className="import-form" onSubmit={submit}>
        {kind === 'range' && (
          <div className="filter-range">
            <label className="field">
              <span>At least</span>
              <input inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} aria-invalid={lo === 'invalid'} data-autofocus data-testid="filter-min" />
            </label>
            <label className="field">
              <span>At most</span>
              <input inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={hi === 'invalid'} data-testid="filter-max" />
            </label>
          </div>
        )}
        {kind === 'range' && !rangeOk && <p className="warn-text">Enter numbers, the lower bound first.</p>}
        {kind === 'contains' && (
          <label className="field">
            <span>Contains (any case)</span>
            <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} data-autofocus data-testid="filter-text" />
          </label>
        )}
        {kind === 'values' && <ValuePicker datasetId={datasetId} column={column} picked={picked} onChange={setPicked} />}
        <div className="dialog-actions">
          {current && (
            <button type="button" className="secondary" onClick={() => (onApply(null), onClose())} data-testid="filter-remove">
              Remove filter
            </button>
          )}
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={kind === 'range' && !rangeOk} data-testid="filter-apply">
            Apply
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The column's values, most frequent first, with their counts; a search narrows long lists. */
function ValuePicker({ datasetId, column, picked, onChange }: { datasetId: string; column: ColumnDto; picked: Value[]; onChange: (v: Value[]) => void }) {
  const [search, setSearch] = useState('');
  const [values, setValues] = useState<{ value: Value; count: number }[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () =>
        api
          .invoke('datasets.columnValues', { id: datasetId, position: column.position, limit: VALUES_SHOWN, ...(search.trim() ? { search } : {}) })
          .then((r) => live && (setValues(r.values), setMore(r.more), setError(null)))
          .catch((err: Error) => live && setError(err.message)),
      search ? 200 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [datasetId, column.position, search]);
  const toggle = (v: Value) => onChange(picked.includes(v) ? picked.filter((p) => p !== v) : [...picked, v]);

  return (
    <div className="value-picker">
      {column.type !== 'boolean' && (
        <input type="search" placeholder="Find a value…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label={`Find a value of ${column.name}`} data-autofocus />
      )}
      <ErrorBanner error={error} />
      {!values && !error && <p className="muted">Loading values…</p>}
      {values && (
        <ul className="value-list" aria-label={`Values of ${column.name}`} data-testid="filter-values">
          {values.map(({ value, count }) => (
            <li key={String(value)}>
              <label>
                <input type="checkbox" checked={picked.includes(value)} onChange={() => toggle(value)} />
                <span className="value-name">{valueLabel(value, column.type)}</span>
                <span className="muted">{count.toLocaleString()}</span>
              </label>
            </li>
          ))}
          {values.length === 0 && <li className="muted">No value contains “{search}”.</li>}
        </ul>
      )}
      {more && <p className="muted">The {VALUES_SHOWN} most frequent are listed; find others by name.</p>}
    </div>
  );
}
