import { DEFAULT_BACKTEST_WINDOWS, FORECAST_MODEL_SPECS } from '../../../shared/families/forecast';
import { FormField } from '../experiments/FormField';
import { isNumberColumn } from '../experiments/format';
import { columnRoles, type CovariateKind, type RefitChoice } from './form';
import { useForecast } from './store';
import { OtherDatasetSelect } from '../experiments/DatasetSelect';

type CovariateChoice = '' | CovariateKind;

/** Covariates (each past-only or known in the future) and the events column. */
export function CovariateFields() {
  const form = useForecast((s) => s.form);
  const columns = useForecast((s) => s.columns);
  const patch = useForecast((s) => s.patch);
  const setRole = useForecast((s) => s.setRole);
  const usesCovariates = FORECAST_MODEL_SPECS[form.model].covariates;
  const taken = new Set([form.time, form.target, form.series, form.events]);
  const candidates = columns.filter((c) => !taken.has(c.name) && (isNumberColumn(c.type) || c.type === 'boolean'));
  const chosen = Object.keys(form.covariates).length;
  const setKind = (name: string, kind: CovariateChoice) => {
    const { [name]: _old, ...rest } = form.covariates;
    patch({ covariates: kind ? { ...rest, [name]: kind } : rest });
  };

  return (
    <details className="run-fieldset forecast-extra" open={chosen > 0 || Boolean(form.events) || undefined} data-testid="forecast-covariates">
      <summary>
        Covariates and events{' '}
        <span className="muted">
          ({chosen ? `${chosen} covariate${chosen === 1 ? '' : 's'}` : 'none'}
          {form.events ? `, events from “${form.events}”` : ''})
        </span>
      </summary>
      {!usesCovariates && (
        <p className="muted small-note" data-testid="forecast-covariates-unused">
          {FORECAST_MODEL_SPECS[form.model].label} reads only the target’s own history: covariates are kept for models that use them (Decomposable, Boosted trees, LSTM).
        </p>
      )}
      {candidates.length === 0 ? (
        <p className="muted small-note">No other numeric column to use as a covariate.</p>
      ) : (
        <div className="forecast-covariate-list" role="group" aria-label="Covariates">
          {candidates.map((c) => (
            <label key={c.name} className="forecast-covariate">
              <span className="mono">{c.name}</span>
              <select
                value={form.covariates[c.name] ?? ''}
                onChange={(e) => setKind(c.name, e.target.value as CovariateChoice)}
                disabled={!usesCovariates}
                aria-label={`Use ${c.name} as a covariate`}
                data-testid={`covariate-${c.name}`}
              >
                <option value="">not used</option>
                <option value="past">past only</option>
                <option value="future">known in the future</option>
              </select>
            </label>
          ))}
        </div>
      )}
      <p className="muted small-note">
        Past only: known up to each forecast origin (e.g. yesterday’s traffic). Known in the future: calendar flags, planned prices — their future values are read from the test dataset or the rows after the history.
      </p>
      <div className="run-form-grid">
        <FormField label="Events" name="events" hint="optional" help="A column naming the holiday or event on its dates.">
          <select value={form.events} onChange={(e) => setRole('events', e.target.value)} data-testid="forecast-events">
            <option value="">None</option>
            {columnRoles(columns)
              .labels.filter((c) => !taken.has(c.name) || c.name === form.events)
              .map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} · {c.type}
                </option>
              ))}
          </select>
        </FormField>
      </div>
    </details>
  );
}

/** Where accuracy is measured: rolling origins through a test dataset, or backtest windows on the history. */
export function EvaluationFields() {
  const form = useForecast((s) => s.form);
  const errors = useForecast((s) => s.fieldErrors);
  const patch = useForecast((s) => s.patch);

  return (
    <fieldset className="run-fieldset">
      <legend>Evaluation</legend>
      <div className="run-form-grid">
        <FormField label="Test dataset" name="testDataset" hint="optional" error={errors.testDataset}>
          <OtherDatasetSelect trainedOn={form.dataset} value={form.testDataset} onChange={(id) => patch({ testDataset: id })} empty="None: backtest the history" testId="forecast-test-dataset" />
        </FormField>
        {form.testDataset && (
          <FormField label="Refit" name="refit" help="At each origin through the test data: only update the state, refit, or refit every N origins.">
            <select value={form.refit} onChange={(e) => patch({ refit: e.target.value as RefitChoice })} data-testid="forecast-refit">
              <option value="never">Never (update state only)</option>
              <option value="every">At every origin</option>
              <option value="n">Every N origins…</option>
            </select>
          </FormField>
        )}
        {form.testDataset && form.refit === 'n' && (
          <FormField label="N origins" name="refit.every" error={errors.refit}>
            <input type="number" min={1} step={1} value={form.refitEvery} onChange={(e) => patch({ refitEvery: e.target.value })} aria-invalid={Boolean(errors.refit)} data-testid="forecast-refit-every" />
          </FormField>
        )}
      </div>
      {!form.testDataset && (
        <p className="muted small-note">
          Accuracy comes from {DEFAULT_BACKTEST_WINDOWS} rolling forecasts on the end of the history; a test dataset holds later rows of the same series instead.
        </p>
      )}
    </fieldset>
  );
}
