import { COLUMN_TYPES, type ColumnType, type ImportPreviewDto } from '../../../shared/api/datasets-dto';
import { MAX_SKIPPED_PERCENT, skipsTooMany } from '../../../shared/import-guard';
import type { PreviewState } from './useImportPreview';

/** The user's edits of the previewed columns, by position; null keeps what the file says. */
export interface ColumnEdits {
  names: (string | null)[];
  types: (ColumnType | null)[];
}

interface Props {
  state: PreviewState;
  edits: ColumnEdits;
  onRename(position: number, name: string): void;
  onRetype(position: number, type: ColumnType): void;
  /** Skipping bad rows is on: a sample above the guard's limit means the import will be refused. */
  skipping: boolean;
}

const delimiterName = (d: string | null) => (d === null ? '—' : d === '\t' ? 'tab' : d === ' ' ? 'space' : `“${d}”`);

/** What Lathe will read: how, the first rows under editable names and types, and what looks wrong. */
export function ImportPreview({ state, edits, onRename, onRetype, skipping }: Props) {
  const { preview: p, error, loading } = state;
  if (!p) {
    return (
      <div className="import-preview" data-testid="import-preview" aria-busy={loading}>
        {error ? <p className="field-error" role="alert">{error}</p> : <p className="muted">Reading the start of the file…</p>}
      </div>
    );
  }
  if (!p.previewed) {
    return (
      <div className="import-preview" data-testid="import-preview">
        <p className="muted">{p.format === 'jsonl' ? 'JSON Lines' : 'Parquet'}: columns come from the file's own structure; these options do not apply.</p>
      </div>
    );
  }
  const lossy = skipping && skipsTooMany(p.badRows, p.sampledRows);
  return (
    <div className="import-preview" data-testid="import-preview" aria-busy={loading}>
      <p className="muted import-summary" data-testid="import-summary">
        {p.columns.length} columns · delimiter {delimiterName(p.delimiter)}
        {` · quotes ${p.quote === null ? 'none' : p.quote}${p.quoteDetected ? ' (detected)' : ''}`}
        {` · ${p.header ? 'header row' : 'no header'}${p.headerDetected ? ' (detected)' : ''}`}
        {p.skipLines > 0 && ` · ${p.skipLines} line${p.skipLines === 1 ? '' : 's'} skipped`}
        {` · types from ${p.sampledRows.toLocaleString()} rows${p.truncated ? ' at the start' : ''}`}
      </p>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="import-preview-table" role="region" aria-label="First rows as Lathe will read them" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th className="line" scope="col">
                line
              </th>
              {p.columns.map((c, i) => (
                <th key={i} scope="col">
                  <input
                    className="import-col-name"
                    value={edits.names[i] ?? c.name}
                    onChange={(e) => onRename(i, e.target.value)}
                    aria-label={`Name of column ${i + 1}`}
                    aria-invalid={(edits.names[i] ?? c.name).trim() === ''}
                    data-testid={`preview-name-${i}`}
                  />
                  <select
                    className={`import-col-type${edits.types[i] ? ' retyped' : ''}`}
                    value={edits.types[i] ?? c.type}
                    onChange={(e) => onRetype(i, e.target.value as ColumnType)}
                    aria-label={`Type of column ${i + 1}`}
                    data-testid={`preview-type-${i}`}
                  >
                    {COLUMN_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row, r) => (
              <tr key={r}>
                <td className="line">{p.rowLines[r] ?? ''}</td>
                {p.columns.map((_, i) => {
                  const v = row[i];
                  return (
                    <td key={i} className={v === null || v === undefined ? 'missing' : undefined}>
                      {v === undefined ? '' : v === null ? 'missing' : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted import-missing">
        Read as missing: {p.missingMarkers.map((m) => (m === '' ? '(empty)' : m)).join(', ')} (any case)
      </p>
      {p.problems.length > 0 && (
        <div className="import-problems" role="status" data-testid="import-problems">
          {p.badRows > 0 && (
            <strong>
              {p.badRows.toLocaleString()} of the first {p.sampledRows.toLocaleString()} rows would not import as they are
              {lossy && ` — more than ${MAX_SKIPPED_PERCENT}: skipping them will be refused`}
            </strong>
          )}
          <ul>
            {p.problems.slice(0, 3).map((x, i) => (
              <li key={i}>{x.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
