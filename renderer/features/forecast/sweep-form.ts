import { FORECAST_MODEL_SPECS, forecastSweepDimProblem, type ForecastModelId } from '../../../shared/families/forecast';
import type { ParamSpec } from '../../../shared/families/define';
import { parseDim } from '../../../shared/families/space';

/** The model's first search space, one `key=lo..hi[:log]` / `key=a|b` line per parameter, from its schema. */
export function suggestedForecastSpace(model: ForecastModelId): string[] {
  const params: Readonly<Record<string, ParamSpec>> = FORECAST_MODEL_SPECS[model].params;
  const keys = [...FORECAST_MODEL_SPECS[model].searchFirst] as string[];
  return keys.flatMap((key) => {
    const p = params[key];
    const s = p && 'sweep' in p ? p.sweep : undefined;
    if (!s) return [];
    return 'choices' in s ? [`${key}=${s.choices.join('|')}`] : [`${key}=${s.lo}..${s.hi}${s.log ? ':log' : ''}`];
  });
}

/** Whether the model has anything to search. */
export const sweepable = (model: ForecastModelId) => Object.keys(FORECAST_MODEL_SPECS[model].params).length > 0;

/** Each line of the space checked with the host's own rule; errors keyed by line (0-based), or `space` when empty. */
export function checkForecastSpace(model: ForecastModelId, lines: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  if (lines.length === 0) errors.space = 'Add at least one parameter to search, e.g. theta=1..4.';
  lines.forEach((line, i) => {
    try {
      const dim = parseDim(line);
      if (seen.has(dim.name)) errors[i] = `${dim.name} is listed twice.`;
      seen.add(dim.name);
      const why = forecastSweepDimProblem(model, dim);
      if (why && !errors[i]) errors[i] = `${why}.`;
    } catch (err) {
      errors[i] = (err as Error).message;
    }
  });
  return errors;
}

/** Non-empty lines of the space box. */
export const spaceLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
