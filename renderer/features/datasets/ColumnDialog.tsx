import { useState, type FormEvent } from 'react';
import { COLUMN_TYPES, type ColumnDto, type ColumnType } from '../../../shared/api/datasets-dto';
import { useDatasets } from './store';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Rename one column, or change its type (the host checks every value in a background job). */
export function ColumnDialog({ column, onClose }: { column: ColumnDto; onClose: () => void }) {
  const renameColumn = useDatasets((s) => s.renameColumn);
  const setColumnType = useDatasets((s) => s.setColumnType);
  const [name, setName] = useState(column.name);
  const [type, setType] = useState<ColumnType>(column.type);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOk = name.trim().length > 0 && name.trim().length <= 200;
  const changed = name.trim() !== column.name || type !== column.type;

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    if (!nameOk || !changed || busy) return;
    setBusy(true);
    setError(null);
    let why: string | null = null;
    if (name.trim() !== column.name) why = await renameColumn(column.position, name.trim());
    if (!why && type !== column.type) why = await setColumnType(column.position, type);
    setBusy(false);
    if (why) setError(why);
    else onClose();
  };

  return (
    <Dialog title={`Column “${column.name}”`} onClose={onClose} small testId="column-dialog">
      <form className="import-form" onSubmit={(e) => void apply(e)}>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-autofocus aria-invalid={!nameOk} data-testid="column-name" />
        </label>
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value as ColumnType)} data-testid="column-type">
            {COLUMN_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {type !== column.type && (
          <p className="muted">Every value is checked against the new type in the background; the profile is recomputed after.</p>
        )}
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={!nameOk || !changed || busy} data-testid="column-apply">
            {busy ? 'Saving…' : 'Apply'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
