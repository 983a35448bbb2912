import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { RUN_NAME_MAX } from '../../../shared/api/methods/runs';
import { useExperiments } from './store';

/**
 * The run's title: its name over what it predicts, or only what it predicts until named. Rename
 * edits it in place: Enter saves, Escape cancels, an empty name goes back to family → target.
 */
export function RunName({ run, onError }: { run: RunDetailDto; onError: (message: string | null) => void }) {
  const rename = useExperiments((s) => s.rename);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const what = (
    <>
      {run.family} <span className="muted">→</span> {run.target}
    </>
  );

  const start = () => {
    setText(run.name ?? '');
    setEditing(true);
  };
  const save = async () => {
    if (busy) return;
    if (text.trim() === (run.name ?? '')) return setEditing(false);
    setBusy(true);
    const why = await rename(text);
    setBusy(false);
    onError(why);
    if (why === null) setEditing(false);
  };

  if (editing) {
    return (
      <form
        className="run-rename"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          autoFocus
          value={text}
          placeholder={`${run.family} → ${run.target}`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), e.stopPropagation(), setEditing(false))}
          maxLength={RUN_NAME_MAX}
          disabled={busy}
          aria-label="Run name (empty: none)"
          data-testid="run-name-input"
        />
        <button type="submit" className="small" disabled={busy} data-testid="run-name-save">
          Save
        </button>
        <button type="button" className="small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <>
      <h2 data-testid="run-title" onDoubleClick={start} title="Double-click to rename">
        {run.name ? (
          <>
            <span className="run-name-text" data-testid="run-name">
              {run.name}
            </span>{' '}
            <span className="muted run-subtitle-line">{what}</span>
          </>
        ) : (
          what
        )}
      </h2>
      <button type="button" className="link" onClick={start} aria-label="Rename run" title="Rename (Enter saves, Escape cancels)" data-testid="run-rename">
        ✎
      </button>
    </>
  );
}
