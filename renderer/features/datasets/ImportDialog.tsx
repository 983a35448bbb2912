import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ColumnType } from '../../../shared/api/datasets-dto';
import { baseName, type ImportOptions, type ImportSource } from './import-slice';
import { useDatasets } from './store';
import { Dialog } from '../../components/Dialog';
import { ImportOptionsFields, optionProblems } from './ImportOptionsFields';
import { ImportPreview, type ColumnEdits } from './ImportPreview';
import { ImportGuardNotice } from './ImportGuardNotice';
import { useImportPreview } from './useImportPreview';
import './import.css';

const defaults = (source: ImportSource): ImportOptions => ({
  name: baseName(source.label),
  format: 'auto',
  header: 'auto',
  delimiter: 'auto',
  quote: 'auto',
  encoding: 'auto',
  badRows: 'error',
  skipLines: 0,
  allowSkipped: false,
  types: {},
});

/** A reopened import's names and types, back as edits by position. */
function editsFrom(o: ImportOptions): ColumnEdits {
  const names = o.columns ? [...o.columns] : [];
  const types: (ColumnType | null)[] = [];
  for (const [key, type] of Object.entries(o.types)) {
    const m = /^column_(\d+)$/.exec(key);
    if (m) types[Number(m[1]) - 1] = type;
  }
  return { names, types };
}

/**
 * Options for one file before it is imported, with a live preview of what they read: the first
 * rows under names and types that can be edited in place. Enter imports, Escape cancels.
 */
export function ImportDialog({ source }: { source: ImportSource }) {
  const reopened = useDatasets((s) => s.reopenOptions);
  const guard = useDatasets((s) => s.importGuard);
  const confirm = useDatasets((s) => s.confirmImport);
  const cancel = useDatasets((s) => s.cancelDialog);
  const [opts, setOpts] = useState<ImportOptions>(() => reopened ?? defaults(source));
  const [edits, setEdits] = useState<ColumnEdits>(() => (reopened ? editsFrom(reopened) : { names: [], types: [] }));
  const patch = (p: Partial<ImportOptions>) => setOpts((o) => ({ ...o, ...p }));

  const { delimiterOk, quoteOk, skipOk } = optionProblems(opts);
  const appendTo = source.appendTo;
  const nameOk = appendTo !== undefined || (opts.name.trim().length > 0 && opts.name.trim().length <= 200);
  // Types go by position (column_N), so they hold whatever the columns are called.
  const types = Object.fromEntries(edits.types.flatMap((t, i) => (t ? [[`column_${i + 1}`, t]] : [])));
  const state = useImportPreview(source, { format: opts.format, header: opts.header, delimiter: opts.delimiter, quote: opts.quote, encoding: opts.encoding, skipLines: opts.skipLines, types }, delimiterOk && quoteOk && skipOk);
  const columns = state.preview?.previewed ? state.preview.columns : [];
  const renamed = edits.names.some((n, i) => n !== null && n !== undefined && i < columns.length && n !== columns[i].name);
  const namesOk = edits.names.every((n) => n === null || n === undefined || n.trim().length > 0);
  const valid = nameOk && delimiterOk && quoteOk && skipOk && namesOk;

  // Edits belong to the columns they were made on: a change that alters the width drops them.
  const width = columns.length;
  const [editedWidth, setEditedWidth] = useState<number | null>(null);
  if (width > 0 && editedWidth !== null && width !== editedWidth && (edits.names.length > 0 || edits.types.length > 0)) {
    setEdits({ names: [], types: [] });
    setEditedWidth(null);
  }
  const edit = (f: (e: ColumnEdits) => ColumnEdits) => {
    setEditedWidth(width);
    setEdits(f);
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!valid) return;
    const names = renamed ? columns.map((c, i) => (edits.names[i] ?? c.name).trim()) : undefined;
    void confirm({ ...opts, types, columns: names });
  };
  // Enter confirms from any field, selects included (they do not submit forms on their own).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Dialog title={appendTo ? `Append rows to “${appendTo.name}”` : 'Import a file'} onClose={cancel} testId="import-dialog">
      <form className="import-form" onSubmit={submit} onKeyDown={onKeyDown}>
        <p className="muted import-file mono" title={source.kind === 'path' ? source.path : source.label}>
          {source.label}
        </p>
        <div className="import-grid">
          {appendTo ? (
            <p className="field muted" data-testid="import-append-note">
              Its columns must be those of “{appendTo.name}”, with values of the same types; the rows become its next version.
            </p>
          ) : (
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
          )}
          <ImportOptionsFields opts={opts} patch={patch} />
        </div>
        {guard && <ImportGuardNotice guard={guard} allow={opts.allowSkipped} onAllow={(allowSkipped) => patch({ allowSkipped, badRows: 'skip' })} />}
        <ImportPreview
          state={state}
          edits={edits}
          skipping={opts.badRows === 'skip'}
          onRename={(i, name) => edit((e) => ({ ...e, names: Object.assign([...e.names], { [i]: name }) }))}
          onRetype={(i, type) => edit((e) => ({ ...e, types: Object.assign([...e.types], { [i]: type }) }))}
        />
        <div className="dialog-actions">
          <span className="muted hint">Enter {appendTo ? 'appends' : 'imports'} · Escape cancels</span>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" disabled={!valid} data-testid="import-confirm">
            {appendTo ? 'Append' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
