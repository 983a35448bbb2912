import { FORECAST_MODEL_SPECS, forecastDefaults } from '../../../shared/families/forecast';
import { ForecastInputError } from '../errors';

const SPECS = FORECAST_MODEL_SPECS.ets.params;

/**
 * The ETS pattern ('ZZZ', 'MAdN'…) that the model's parameters ask for: 'auto' becomes Z (chosen by AICc over
 * the admissible set), any other choice restricts the search to that type. Omitted parameters take the
 * schema's defaults.
 */
export function etsPatternOf(params: Readonly<Record<string, unknown>> = {}): string {
  const p = { ...forecastDefaults('ets'), ...params };
  const pick = (key: 'error' | 'trend' | 'season'): string => {
    const v = p[key];
    const choices: readonly string[] = SPECS[key].choices;
    if (typeof v !== 'string' || !choices.includes(v)) {
      throw new ForecastInputError(`params.${key}`, `must be one of ${choices.join(', ')} (got ${String(v)})`);
    }
    return v === 'auto' ? 'Z' : v;
  };
  return `${pick('error')}${pick('trend')}${pick('season')}`;
}
