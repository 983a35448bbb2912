import { useCallback, useState } from 'react';
import { isActive, useJobs } from '../jobs/store';
import { JobProgress } from '../jobs/JobProgress';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatPercent } from '../../components/format';
import { dropHandlers, usePickFile } from './usePickFile';
import type { FileSource } from './file-source';
import { useExplorer } from './store';

/** Saves text as a file through the browser's download (works the same in the desktop app). */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The prediction columns come last, starting with `predicted_<target>`. */
const firstAdded = (header: string[]) => {
  const i = header.findLastIndex((h) => h.startsWith('predicted_'));
  return i < 0 ? header.length : i;
};

/** Predicts a whole CSV in a background job, then previews the result and offers it for download. */
export function BatchPanel() {
  const ref = useExplorer((s) => s.ref);
  const schema = useExplorer((s) => s.schema);
  const batch = useExplorer((s) => s.batch);
  const start = useExplorer((s) => s.startBatch);
  const job = useJobs((s) => (batch?.jobId ? s.jobs[batch.jobId] : undefined));
  const onPick = useCallback((src: FileSource) => void start(src), [start]);
  const [pickError, setPickError] = useState<string | null>(null);
  const picker = usePickFile({ accept: '.csv,.tsv,.txt', title: 'Choose a CSV file to predict', testId: 'batch-file', onPick, onError: setPickError });
  const added = batch?.preview ? firstAdded(batch.preview.header) : 0;
  // The preview shows the prediction columns first, so they are seen without scrolling.
  const order = batch?.preview ? [...batch.preview.header.keys()].sort((a, b) => Number(b >= added) - Number(a >= added) || a - b) : [];
  const running = batch !== null && !batch.error && !batch.file && (batch.upload !== null || !job || isActive(job));

  return (
    <section className="explorer-block batch-panel" aria-labelledby="batch-title" data-testid="batch-panel">
      <h3 id="batch-title" className="run-section-title">
        Batch prediction
      </h3>
      <p className="muted small-note">
        A CSV with a header row and {schema?.text ? 'the text column' : 'the columns the model was trained on'}
        {schema ? (
          <>
            {' '}
            (<span className="mono">{schema.inputs.map((i) => i.column).join(', ')}</span>)
          </>
        ) : null}
        . Every row is predicted with <strong className="mono">{ref}</strong>; the result is the same file with prediction columns added.
      </p>
      {picker.input}
      <div className="drop-zone" {...dropHandlers(onPick)}>
        <button type="button" onClick={picker.choose} disabled={running} data-testid="batch-choose">
          Choose a CSV file…
        </button>
        <span className="muted">or drop one here</span>
      </div>
      <ErrorBanner error={pickError} onDismiss={() => setPickError(null)} />
      {batch && (
        <div className="batch-status" data-testid="batch-status" data-state={batch.error ? 'failed' : batch.file ? 'done' : 'running'}>
          <div className="batch-status-top">
            <strong className="batch-file-name">{batch.label}</strong>
            <span className="muted">with {batch.model}</span>
          </div>
          {batch.upload !== null && (
            <>
              <ProgressBar value={batch.upload} label={`Uploading ${batch.label}`} />
              <span className="muted small-note">Uploading · {formatPercent(batch.upload)}</span>
            </>
          )}
          {running && batch.upload === null && !batch.jobId && schema?.text && <span className="muted small-note">Predicting the texts…</span>}
          {running && batch.upload === null && (batch.jobId || !schema?.text) && <JobProgress job={job} label="Prediction progress" testId="batch-progress" />}
          <ErrorBanner error={batch.error} />
          {batch.file && batch.preview && (
            <>
              <div className="batch-done">
                <span data-testid="batch-rows">
                  {batch.file.rows.toLocaleString()} rows predicted · <span className="mono">{batch.file.fileName}</span>
                </span>
                <button type="button" onClick={() => download(batch.file!.fileName, batch.file!.text)} data-testid="batch-download">
                  Download CSV
                </button>
              </div>
              <div className="table-scroll batch-preview">
                <table className="table registry-table" data-testid="batch-preview">
                  <caption className="muted small-note">First {batch.preview.rows.length} rows, predictions first</caption>
                  <thead>
                    <tr>
                      {order.map((i) => (
                        <th key={i} className={i >= added ? 'added-col' : undefined}>
                          {batch.preview!.header[i]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {batch.preview.rows.map((r, i) => (
                      <tr key={i}>
                        {order.map((j) => (
                          <td key={j} className={`mono${j >= added ? ' added-col' : ''}`}>
                            {r[j]}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
