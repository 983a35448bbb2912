import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { api } from '../../api/client';
import { useUi } from '../../app/ui-store';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatAgo, formatMetricOf, headlineKeys, metricLabel, runTitle, shortId } from '../experiments/format';
import { modelNameError, v } from './registry';
import { useModels } from './store';
import { useProductionWarning } from './useProductionWarning';
import '../experiments/runs.css';

type Bump = 'auto' | 'major' | 'minor' | 'patch';

interface Props {
  onClose: () => void;
  /** The run to register (opened from its report); otherwise the user picks one. */
  runId?: string;
  /** The model to add a version to (opened from a model). */
  name?: string;
}

const runLabel = (r: RunSummaryDto) => {
  const [k] = headlineKeys(r.task, r.metrics);
  const m = k && r.metrics?.[k] !== undefined ? ` · ${metricLabel(k)} ${formatMetricOf(k, r.metrics[k])}` : '';
  return `${r.name ? `${r.name} · ` : ''}${runTitle(r)} · ${shortId(r.id)}${m} · ${formatAgo(r.createdAt)}`;
};

/** Registers a succeeded run as the next version of a new or existing named model. */
export function RegisterDialog({ onClose, runId, name: presetName }: Props) {
  const models = useModels((s) => s.list);
  const register = useModels((s) => s.register);
  const [runs, setRuns] = useState<RunSummaryDto[] | null>(null);
  const [run, setRun] = useState(runId ?? '');
  const [name, setName] = useState(presetName ?? '');
  const [description, setDescription] = useState('');
  const [bump, setBump] = useState<Bump>('auto');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!useModels.getState().loaded) void useModels.getState().load();
    api
      .invoke('runs.list', {})
      .then((all) => {
        const done = all.filter((r) => r.status === 'succeeded');
        setRuns(done);
        setRun((cur) => cur || done[0]?.id || '');
      })
      .catch((err: Error) => setError(err.message));
  }, []);

  const existing = models.find((m) => m.name === name.trim());
  const nameError = modelNameError(name);
  const worse = useProductionWarning(run, existing ? existing.name : '');
  const [accepted, setAccepted] = useState<string | null>(null);
  // A warning is accepted for its own text: another run or model asks again.
  const confirmed = worse.warning === null || accepted === worse.warning;
  const valid = !nameError && run !== '' && !worse.checking && confirmed;
  const picked = useMemo(() => runs?.find((r) => r.id === run), [runs, run]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    const res = await register({ runId: run, name: name.trim(), description: description.trim(), bump: bump === 'auto' ? undefined : bump });
    setBusy(false);
    if ('error' in res) return setError(res.error);
    onClose();
    // From a run's report, go and see the new version.
    if (runId) useUi.getState().setSection('models');
  };

  return (
    <Dialog title="Register a model version" onClose={onClose} testId="register-dialog">
      <form className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>Run</span>
          <select value={run} onChange={(e) => setRun(e.target.value)} disabled={!runs || runs.length === 0} data-testid="register-run">
            {!runs && <option value="">Reading runs…</option>}
            {runs?.length === 0 && <option value="">No succeeded run yet</option>}
            {runs?.map((r) => (
              <option key={r.id} value={r.id}>
                {runLabel(r)}
              </option>
            ))}
          </select>
        </label>
        {picked && (
          <p className="muted small-note" data-testid="register-run-facts">
            {picked.task ?? 'model'} · trained {formatAgo(picked.createdAt)} · run {picked.id}
          </p>
        )}
        <label className="field">
          <span>Model name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setTouched(true)}
            list="register-model-names"
            maxLength={100}
            autoComplete="off"
            aria-invalid={touched && nameError !== null}
            aria-describedby="register-name-hint"
            data-autofocus
            data-testid="register-name"
          />
          <datalist id="register-model-names">
            {models.map((m) => (
              <option key={m.name} value={m.name} />
            ))}
          </datalist>
          <span id="register-name-hint" className={touched && nameError ? 'field-error' : 'muted small-note'} data-testid="register-name-hint">
            {touched && nameError
              ? nameError
              : existing
                ? `Adds a version to ${existing.name} (latest ${v(existing.latestVersion)}).`
                : name.trim()
                  ? 'A new model: its first version is v1.0.0.'
                  : 'A new name, or an existing model to add a version to.'}
          </span>
        </label>
        <label className="field">
          <span>Description</span>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={2000} data-testid="register-description" />
        </label>
        <label className="field">
          <span>Version bump</span>
          <select value={bump} onChange={(e) => setBump(e.target.value as Bump)} disabled={!existing} data-testid="register-bump">
            <option value="auto">Automatic: minor, or major when the inputs changed</option>
            <option value="major">Major (breaking change)</option>
            <option value="minor">Minor</option>
            <option value="patch">Patch</option>
          </select>
        </label>
        {worse.warning && (
          <div className="run-notice" role="alert" data-testid="register-warning">
            <p>
              <strong>Worse than production.</strong> {worse.warning}
            </p>
            <label className="check-line">
              <input type="checkbox" checked={accepted === worse.warning} onChange={(e) => setAccepted(e.target.checked ? worse.warning : null)} data-testid="register-confirm-worse" />{' '}
              Register it anyway (production keeps pointing at its version)
            </label>
          </div>
        )}
        <ErrorBanner error={error} onDismiss={() => setError(null)} />
        <div className="dialog-actions">
          <span className="muted hint">Escape cancels</span>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !run || worse.checking || !confirmed} data-testid="register-submit">
            {busy ? 'Registering…' : 'Register'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
