import { useState, type FormEvent } from 'react';
import { FORECAST_MODEL_SPECS, FORECAST_SWEEP_METRICS, DEFAULT_FORECAST_OBJECTIVE, type ForecastModelId } from '../../../shared/families/forecast';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import { Dialog } from '../../components/Dialog';
import { api, ApiCallError } from '../../api/client';
import { useUi } from '../../app/ui-store';
import { useSweeps } from '../sweeps/store';
import { FormField } from '../experiments/FormField';
import { checkForecastSpace, spaceLines, suggestedForecastSpace } from './sweep-form';

/**
 * Searches the run's model parameters: every trial a forecast run on the same data, horizon and
 * windows as this one (so they compare), the lowest MASE (by default) marked best on the Sweeps page.
 */
export function ForecastSweepDialog({ spec, onClose }: { spec: ForecastArgs; onClose: () => void }) {
  const model = spec.model as ForecastModelId;
  const [space, setSpace] = useState(suggestedForecastSpace(model).join('\n'));
  const [method, setMethod] = useState<'grid' | 'random' | 'tpe'>('tpe');
  const [trials, setTrials] = useState('12');
  const [metric, setMetric] = useState<string>(DEFAULT_FORECAST_OBJECTIVE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = spaceLines(space);
  const lineErrors = checkForecastSpace(model, lines);
  const n = Number(trials);
  const trialsError = Number.isInteger(n) && n >= 1 && n <= 500 ? null : 'A whole number from 1 to 500.';
  const problems = Object.entries(lineErrors).map(([k, v]) => (k === 'space' ? v : `Line ${Number(k) + 1}: ${v}`));
  const blocked = problems.length > 0 || trialsError !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { sweepId } = await api.invoke('sweeps.startForecast', {
        ...spec, space: lines, method, trials: n, metric: metric as (typeof FORECAST_SWEEP_METRICS)[number],
      });
      await useSweeps.getState().refresh(sweepId);
      useSweeps.getState().select(sweepId);
      useUi.getState().setSection('sweeps');
      onClose();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Sweep ${FORECAST_MODEL_SPECS[model].label} parameters`} onClose={onClose} testId="forecast-sweep-dialog">
      <form onSubmit={submit} className="run-form">
        <p className="muted small-note">
          Every trial forecasts {spec.target} with the same data, horizon ({spec.horizon}) and {spec.testDataset ? 'test dataset' : `backtest windows (${spec.windows})`}; the
          other parameters stay as in this run. Parameters of {model}: {Object.keys(FORECAST_MODEL_SPECS[model].params).join(', ')}.
        </p>
        <FormField label="Search space" name="space" hint="one per line: key=lo..hi, key=lo..hi:log or key=a|b" error={problems.join(' ') || undefined} wide>
          <textarea rows={4} className="mono" value={space} onChange={(e) => setSpace(e.target.value)} data-testid="forecast-sweep-space" data-autofocus />
        </FormField>
        <FormField label="Method" name="method">
          <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)} data-testid="forecast-sweep-method">
            <option value="tpe">TPE (learns from earlier trials)</option>
            <option value="random">random</option>
            <option value="grid">grid</option>
          </select>
        </FormField>
        <FormField label="Trials" name="trials" error={trialsError ?? undefined}>
          <input inputMode="numeric" value={trials} onChange={(e) => setTrials(e.target.value)} data-testid="forecast-sweep-trials" />
        </FormField>
        <FormField label="Minimise" name="metric" help="MASE is scale-free, so every series weighs alike.">
          <select value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="forecast-sweep-metric">
            {FORECAST_SWEEP_METRICS.map((m) => (
              <option key={m} value={m}>
                {m.toUpperCase()}
              </option>
            ))}
          </select>
        </FormField>
        {error && (
          <p className="field-error" role="alert" data-testid="forecast-sweep-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={blocked || busy} data-testid="forecast-sweep-start">
            {busy ? 'Starting…' : 'Start sweep'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
