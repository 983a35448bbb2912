import { FORECAST_MODEL_IDS, FORECAST_MODEL_SPECS, type ForecastModelId } from '../../../shared/families/forecast';
import { FormField } from '../experiments/FormField';
import { ParamFields } from '../experiments/FamilyParams';
import { MODEL_PARAMS } from './form';
import { useForecast } from './store';

/** The model, its short form of parameters (from its schema), the seasons and the interval levels. */
export function ModelFields() {
  const form = useForecast((s) => s.form);
  const errors = useForecast((s) => s.fieldErrors);
  const patch = useForecast((s) => s.patch);
  const detected = useForecast((s) => s.detection?.seasonalPeriods ?? null);
  const spec = FORECAST_MODEL_SPECS[form.model];
  const values = form.params[form.model];
  const set = (key: string, value: string) => patch({ params: { ...form.params, [form.model]: { ...values, [key]: value } } });
  const proposed = detected?.join(', ') ?? '';

  return (
    <fieldset className="run-fieldset">
      <legend>Model</legend>
      <div className="forecast-model-row">
        <FormField label="Model" name="model" error={errors.model}>
          <select value={form.model} onChange={(e) => patch({ model: e.target.value as ForecastModelId })} data-testid="forecast-model">
            {FORECAST_MODEL_IDS.map((m) => (
              <option key={m} value={m}>
                {FORECAST_MODEL_SPECS[m].label}
              </option>
            ))}
          </select>
        </FormField>
        <p className="forecast-model-desc" data-testid="forecast-model-desc">
          {spec.description}
          <span className="muted">
            {' '}
            {spec.scope === 'global' ? 'One model across all series.' : 'Fitted per series.'}
            {spec.covariates ? ' Uses covariates.' : ''}
          </span>
        </p>
      </div>
      <div className="run-form-grid params-grid">
        <ParamFields model={form.model} defs={MODEL_PARAMS[form.model]} values={values} errors={errors} onChange={set} />
        <FormField
          label="Seasons"
          name="season"
          hint="steps"
          help={proposed ? `Proposed from the data: ${proposed}. Empty lets Lathe propose them.` : 'Seasonal periods in steps, e.g. 12 for a year of months; empty lets Lathe propose them.'}
          error={errors.season}
        >
          <input
            value={form.seasons}
            onChange={(e) => patch({ seasons: e.target.value, seasonsEdited: true })}
            placeholder={proposed || 'e.g. 7, 365.25'}
            aria-invalid={Boolean(errors.season)}
            data-testid="forecast-seasons"
          />
        </FormField>
        <FormField label="Interval levels" name="levels" hint="%" help="Prediction bands drawn and checked for coverage." error={errors.levels}>
          <input value={form.levels} onChange={(e) => patch({ levels: e.target.value })} aria-invalid={Boolean(errors.levels)} data-testid="forecast-levels" />
        </FormField>
      </div>
    </fieldset>
  );
}
