import { useState } from 'react';
import type { DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { useDatasets } from './store';
import { InlineRename } from './InlineRename';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatWhen } from '../../components/format';
import { describeQuote } from '../../../shared/import-quote';
import { DatasetVersions } from './DatasetVersions';

const delimiterName = (d: string | null) => (d === null ? '—' : d === '\t' ? 'tab' : d === ' ' ? 'space' : `“${d}”`);

/** Name (renamable), size, fingerprint, source and how the file was read, its versions; Append rows, Delete. */
export function DatasetHeader({ detail, onAppend }: { detail: DatasetDetailDto; onAppend?: () => void }) {
  const rename = useDatasets((s) => s.rename);
  const remove = useDatasets((s) => s.remove);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const o = detail.options;
  const quoting = describeQuote(o);

  return (
    <header className="dataset-head">
      <div className="dataset-title">
        {editing ? (
          <InlineRename
            value={detail.name}
            label="Dataset name"
            onSave={async (name) => (await rename(name)) && setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <h2 data-testid="dataset-name">{detail.name}</h2>
        )}
        <div className="dataset-actions">
          {!editing && (
            <button type="button" className="small" onClick={() => setEditing(true)} data-testid="dataset-rename">
              Rename
            </button>
          )}
          {onAppend && (
            <button type="button" className="small" onClick={onAppend} data-testid="dataset-append" title="Add the rows of a file with the same columns, as a new version">
              Append rows…
            </button>
          )}
          <button type="button" className="small danger-outline" onClick={() => setConfirming(true)} data-testid="dataset-delete">
            Delete
          </button>
        </div>
      </div>
      <dl className="facts dataset-facts">
        <dt>Size</dt>
        <dd data-testid="dataset-size">
          {detail.rows.toLocaleString()} rows × {detail.columns} columns
        </dd>
        <dt>SHA-256</dt>
        <dd className="mono" title={detail.sourceSha256 ?? undefined}>
          {detail.sourceSha256 ? detail.sourceSha256.slice(0, 12) : '—'}
        </dd>
        <dt>Source</dt>
        <dd className="mono">{detail.sourcePath ?? 'uploaded file (not kept)'}</dd>
        <dt>Read as</dt>
        <dd>
          {o.format.toUpperCase()}
          {o.format === 'csv' && ` · delimiter ${delimiterName(o.delimiter)} · ${o.header ? 'header row' : 'no header row'}`} · {o.encoding}
          {o.trimmedLeadingSpace && ' · leading spaces trimmed'}
          {quoting && ` · ${quoting}`}
        </dd>
        <dt>Imported</dt>
        <dd>{formatWhen(detail.createdAt)}</dd>
      </dl>
      <DatasetVersions versions={detail.versions} />
      {o.skippedRows > 0 && (
        <div className="import-notes" data-testid="import-notes">
          <strong>
            {o.skippedRows.toLocaleString()} {o.skippedRows === 1 ? 'row' : 'rows'} skipped
          </strong>{' '}
          because {o.skippedRows === 1 ? 'it' : 'they'} did not parse
          {o.skippedExamples.length > 0 && (
            <>
              {o.skippedRows === 1 ? ':' : o.skippedExamples.length < o.skippedRows ? '; the first ones:' : ':'}
              <ul>
                {o.skippedExamples.map((x) => (
                  <li key={x.line}>
                    line {x.line.toLocaleString()}: {x.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete “${detail.name}”?`}
          confirmLabel="Delete dataset"
          danger
          onConfirm={() => remove(detail.id)}
          onClose={() => setConfirming(false)}
          confirmTestId="confirm-delete"
        >
          <p>
            Its {detail.rows.toLocaleString()} rows and profile leave Lathe's database. The source file on disk is not
            touched. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </header>
  );
}
