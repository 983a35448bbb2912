import { paramSchema } from '../../../shared/families/define';
import { FORECAST_MODEL_SPECS, forecastDefaults, type ForecastParams } from '../../../shared/families/forecast';
import { ForecastInputError } from '../errors';

export type DecomposableParams = ForecastParams<'decomposable'>;

const SPEC = FORECAST_MODEL_SPECS.decomposable;

/** The schema's defaults completed with what was given, each checked against its spec (`params.KEY` names a bad one). */
export function resolveDecomposableParams(given: Readonly<Record<string, unknown>> = {}): DecomposableParams {
  const out: Record<string, unknown> = { ...forecastDefaults('decomposable') };
  for (const [key, raw] of Object.entries(given)) {
    if (raw === undefined) continue;
    const spec = (SPEC.params as Record<string, (typeof SPEC.params)[keyof typeof SPEC.params]>)[key];
    if (!spec) throw new ForecastInputError(`params.${key}`, `is not a parameter of the decomposable model`);
    const parsed = paramSchema(spec).safeParse(raw);
    if (!parsed.success) throw new ForecastInputError(`params.${key}`, parsed.error.issues[0]?.message ?? 'is not valid');
    out[key] = parsed.data;
  }
  return out as DecomposableParams;
}
