import { useState, type FormEvent } from 'react';
import type { ModelDetailDto } from '../../../shared/api/methods/registry';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { aliasError, COMMON_ALIASES, v } from './registry';
import { useModels } from './store';

const OTHER = '\u0000other';

/** Points an alias at a version; says plainly which move is about to happen before it does. */
export function PromoteDialog({ detail, version, onClose }: { detail: ModelDetailDto; version: string; onClose: () => void }) {
  const promote = useModels((s) => s.promote);
  const choices = [...new Set([...COMMON_ALIASES, ...Object.keys(detail.aliases)])];
  const [choice, setChoice] = useState(choices.find((a) => detail.aliases[a] !== version) ?? OTHER);
  const [custom, setCustom] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const alias = choice === OTHER ? custom.trim() : choice;
  const invalid = choice === OTHER ? aliasError(custom) : null;
  const current = detail.aliases[alias] ?? null;
  const same = current === version;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid || same || busy) return;
    setBusy(true);
    const why = await promote(version, alias, note.trim());
    setBusy(false);
    if (why) setError(why);
    else onClose();
  };

  return (
    <Dialog title={`Promote ${detail.name} ${v(version)}`} onClose={onClose} testId="promote-dialog" small>
      <form className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>Alias</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} data-autofocus data-testid="promote-alias">
            {choices.map((a) => (
              <option key={a} value={a}>
                {a}
                {detail.aliases[a] ? ` (now ${v(detail.aliases[a])})` : ''}
              </option>
            ))}
            <option value={OTHER}>Another alias…</option>
          </select>
        </label>
        {choice === OTHER && (
          <label className="field">
            <span>Alias name</span>
            <input value={custom} onChange={(e) => setCustom(e.target.value)} maxLength={40} placeholder="e.g. canary" aria-invalid={custom !== '' && invalid !== null} data-testid="promote-custom" />
            {custom !== '' && invalid && <span className="field-error">{invalid}</span>}
          </label>
        )}
        <label className="field">
          <span>Note</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} placeholder="Why this move (kept in the history)" data-testid="promote-note" />
        </label>
        <p className="move-statement" aria-live="polite" data-testid="promote-statement">
          {!alias || invalid
            ? 'Choose an alias.'
            : same
              ? `${alias} already points at ${v(version)}.`
              : current
                ? <>Alias <strong>{alias}</strong> moves from <strong>{v(current)}</strong> to <strong>{v(version)}</strong>.</>
                : <>Alias <strong>{alias}</strong> is new: it will point at <strong>{v(version)}</strong>.</>}
        </p>
        <ErrorBanner error={error} onDismiss={() => setError(null)} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !alias || invalid !== null || same} data-testid="promote-confirm">
            {busy ? 'Moving…' : `Move ${alias || 'alias'} to ${v(version)}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
