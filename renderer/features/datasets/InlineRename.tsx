import { useState } from 'react';

interface Props {
  value: string;
  label: string;
  onSave: (name: string) => Promise<unknown> | void;
  onCancel: () => void;
}

/** A name edited in place: Enter saves, Escape cancels. */
export function InlineRename({ value, label, onSave, onCancel }: Props) {
  const [name, setName] = useState(value);
  const [busy, setBusy] = useState(false);
  const ok = name.trim().length > 0 && name.trim().length <= 200;

  const save = async () => {
    if (!ok || busy) return;
    if (name.trim() === value) return onCancel();
    setBusy(true);
    await onSave(name.trim());
    setBusy(false);
  };

  return (
    <form
      className="inline-rename"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
        aria-label={label}
        aria-invalid={!ok}
        maxLength={200}
        disabled={busy}
        data-testid="rename-input"
      />
      <button type="submit" className="small" disabled={!ok || busy} data-testid="rename-save">
        Save
      </button>
      <button type="button" className="small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
