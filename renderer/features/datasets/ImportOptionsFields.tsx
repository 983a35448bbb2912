import { useState } from 'react';
import type { ImportOptions } from './import-slice';

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

/** Validity of what the fields hold; the dialog imports (and previews) only valid options. */
export function optionProblems(o: ImportOptions): { delimiterOk: boolean; quoteOk: boolean; skipOk: boolean } {
  return {
    delimiterOk: o.delimiter === 'auto' || o.delimiter.length === 1,
    // One character, not a line break, and not the delimiter.
    quoteOk: o.quote === 'auto' || o.quote === 'none' || (o.quote.length === 1 && !'\r\n'.includes(o.quote) && o.quote !== o.delimiter),
    skipOk: Number.isSafeInteger(o.skipLines) && o.skipLines >= 0 && o.skipLines <= 100_000,
  };
}

/** How the file is read: format, header, skipped lines, delimiter, quote, encoding, bad rows (cells of the dialog's grid). */
export function ImportOptionsFields({ opts, patch }: { opts: ImportOptions; patch: (p: Partial<ImportOptions>) => void }) {
  const [otherDelimiter, setOtherDelimiter] = useState(!DELIMITERS.some((d) => d.value === opts.delimiter));
  const [otherQuote, setOtherQuote] = useState(!QUOTES.some((q) => q.value === opts.quote));
  const { delimiterOk, quoteOk, skipOk } = optionProblems(opts);

  return (
    <>
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
          <option value="no">No header (column_1, column_2…)</option>
        </select>
      </label>
      <label className="field">
        <span>Skip leading lines</span>
        <input
          type="number"
          min={0}
          max={100000}
          step={1}
          value={Number.isNaN(opts.skipLines) ? '' : opts.skipLines}
          onChange={(e) => patch({ skipLines: e.target.value === '' ? 0 : e.target.valueAsNumber })}
          aria-invalid={!skipOk}
          data-testid="import-skip-lines"
        />
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
    </>
  );
}
