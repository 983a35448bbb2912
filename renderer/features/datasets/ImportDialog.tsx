import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { baseName, type ImportOptions, type ImportSource } from './import-slice';
import { useDatasets } from './store';
import { Dialog } from '../../components/Dialog';

const DELIMITERS: { value: string; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
  { value: 'other', label: 'Other character…' },
];

const QUOTES: { value: string; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: '"', label: 'Double quote ( " )' },
  { value: "'", label: "Single quote ( ' )" },
  { value: 'none', label: 'None (quotes are text)' },
  { value: 'other', label: 'Other character…' },
];

const defaults = (source: ImportSource): ImportOptions => ({
  name: baseName(source.label),
  format: 'auto',
  header: 'auto',
  delimiter: 'auto',
  quote: 'auto',
  encoding: 'auto',
  badRows: 'error',
});

/** Options for one file before it is imported. Enter imports, Escape cancels. */
export function ImportDialog({ source }: { source: ImportSource }) {
  const reopened = useDatasets((s) => s.reopenOptions);
  const confirm = useDatasets((s) => s.confirmImport);
  const cancel = useDatasets((s) => s.cancelDialog);
  const [opts, setOpts] = useState<ImportOptions>(() => reopened ?? defaults(source));
  const known = DELIMITERS.some((d) => d.value === opts.delimiter);
  const [otherDelimiter, setOtherDelimiter] = useState(!known);
  const [otherQuote, setOtherQuote] = useState(!QUOTES.some((q) => q.value === opts.quote));
  const patch = (p: Partial<ImportOptions>) => setOpts((o) => ({ ...o, ...p }));

  const nameOk = opts.name.trim().length > 0 && opts.name.trim().length <= 200;
  const delimiterOk = opts.delimiter === 'auto' || opts.delimiter.length === 1;
  // One character, not a line break, and not the delimiter.
  const quoteOk = opts.quote === 'auto' || opts.quote === 'none' || (opts.quote.length === 1 && !'\r\n'.includes(opts.quote) && opts.quote !== opts.delimiter);
  const valid = nameOk && delimiterOk && quoteOk;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (valid) void confirm(opts);
  };
  // Enter confirms from any field, selects included (they do not submit forms on their own).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Dialog title="Import a file" onClose={cancel} testId="import-dialog">
      <form className="import-form" onSubmit={submit} onKeyDown={onKeyDown}>
        <p className="muted import-file mono" title={source.kind === 'path' ? source.path : source.label}>
          {source.label}
        </p>
        <label className="field">
          <span>Dataset name</span>
          <input
            value={opts.name}
            onChange={(e) => patch({ name: e.target.value })}
            maxLength={200}
            data-autofocus
            data-testid="import-name"
            aria-invalid={!nameOk}
          />
        </label>
        <div className="import-grid">
          <label className="field">
            <span>Format</span>
            <select value={opts.format} onChange={(e) => patch({ format: e.target.value as ImportOptions['format'] })}>
              <option value="auto">From the file name</option>
              <option value="csv">CSV / TSV text</option>
              <option value="jsonl">JSON Lines</option>
              <option value="parquet">Parquet</option>
            </select>
          </label>
          <label className="field">
            <span>Header row</span>
            <select value={opts.header} onChange={(e) => patch({ header: e.target.value as ImportOptions['header'] })} data-testid="import-header">
              <option value="auto">Detect automatically</option>
              <option value="yes">First row is the header</option>
              <option value="no">No header (name columns col_1, col_2…)</option>
            </select>
          </label>
          <label className="field">
            <span>Delimiter</span>
            <select
              value={otherDelimiter ? 'other' : opts.delimiter}
              onChange={(e) => {
                const other = e.target.value === 'other';
                setOtherDelimiter(other);
                patch({ delimiter: other ? '' : e.target.value });
              }}
              data-testid="import-delimiter"
            >
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          {otherDelimiter && (
            <label className="field">
              <span>Delimiter character</span>
              <input value={opts.delimiter} maxLength={1} onChange={(e) => patch({ delimiter: e.target.value })} aria-invalid={!delimiterOk} />
            </label>
          )}
          <label className="field">
            <span>Quote character</span>
            <select
              value={otherQuote ? 'other' : opts.quote}
              onChange={(e) => {
                const other = e.target.value === 'other';
                setOtherQuote(other);
                patch({ quote: other ? '' : e.target.value });
              }}
              data-testid="import-quote"
              aria-invalid={!otherQuote && !quoteOk}
            >
              {QUOTES.map((q) => (
                <option key={q.label} value={q.value}>
                  {q.label}
                </option>
              ))}
            </select>
          </label>
          {otherQuote && (
            <label className="field">
              <span>Quote</span>
              <input value={opts.quote} maxLength={1} onChange={(e) => patch({ quote: e.target.value })} aria-invalid={!quoteOk} data-testid="import-quote-other" />
            </label>
          )}
          <label className="field">
            <span>Encoding</span>
            <select value={opts.encoding} onChange={(e) => patch({ encoding: e.target.value as ImportOptions['encoding'] })}>
              <option value="auto">Detect automatically</option>
              <option value="utf-8">UTF-8</option>
              <option value="latin1">Latin-1 (ISO-8859-1)</option>
            </select>
          </label>
          <label className="field">
            <span>Rows that do not parse</span>
            <select value={opts.badRows} onChange={(e) => patch({ badRows: e.target.value as ImportOptions['badRows'] })} data-testid="import-bad-rows">
              <option value="error">Stop and show where</option>
              <option value="skip">Skip them and list a few</option>
            </select>
          </label>
        </div>
        <div className="dialog-actions">
          <span className="muted hint">Enter imports · Escape cancels</span>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" disabled={!valid} data-testid="import-confirm">
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
