import { useState, type KeyboardEvent } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { useExperiments } from './store';
import { ErrorBanner } from '../../components/ErrorBanner';

const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))].slice(0, 50);

/** Free notes and tags, kept with the run. Ctrl+Enter saves. */
export function NotesTab({ run }: { run: RunDetailDto }) {
  const save = useExperiments((s) => s.saveNotes);
  const [notes, setNotes] = useState(run.notes);
  const [tags, setTags] = useState(run.tags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = notes !== run.notes || parseTags(tags).join() !== run.tags.join();
  const tooLong = parseTags(tags).some((t) => t.length > 50);

  const submit = async () => {
    if (!dirty || busy || tooLong) return;
    setBusy(true);
    const why = await save(notes, parseTags(tags));
    setBusy(false);
    setError(why);
    setSaved(why === null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <div className="notes-tab" onKeyDown={onKeyDown}>
      <label className="field wide">
        <span className="run-field-label">Notes</span>
        <textarea
          value={notes}
          onChange={(e) => (setNotes(e.target.value), setSaved(false))}
          rows={6}
          maxLength={10000}
          placeholder="What was tried, what was learned…"
          data-testid="run-notes"
        />
      </label>
      <label className="field wide">
        <span className="run-field-label">
          Tags <span className="muted">· comma-separated, searchable in the list</span>
        </span>
        <input value={tags} onChange={(e) => (setTags(e.target.value), setSaved(false))} aria-invalid={tooLong} placeholder="baseline, tuned" data-testid="run-tags" />
      </label>
      {run.tags.length > 0 && (
        <div className="tag-list" aria-label="Saved tags">
          {run.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </div>
      )}
      <ErrorBanner error={error ?? (tooLong ? 'A tag has at most 50 characters.' : null)} />
      <div className="notes-actions">
        <button type="button" onClick={() => void submit()} disabled={!dirty || busy || tooLong} data-testid="run-notes-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <span className="muted" role="status">
          {saved && !dirty ? 'Saved.' : 'Ctrl+Enter saves'}
        </span>
      </div>
    </div>
  );
}
