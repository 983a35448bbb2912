/**
 * Fits a forecasting model to the run's series through the engine's panel (models/forecast/panel.ts):
 * one model per series for per-series families, one across all of them for global families.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import { FORECAST_MODEL_SPECS } from '../../../shared/families/forecast';
import { FORECAST_FAMILIES, GLOBAL_FAMILIES } from '../../../models/forecast/families';
import { fitPanel, type Panel } from '../../../models/forecast/panel';
import type { FamilyName, FitOptions, ForecastModel, Timeline } from '../../../models/forecast/types';

export interface FitInput {
  y: Float64Array;
  timeline: Timeline;
  /** Named in errors ("series 'north'"). */
  id?: string;
}

export interface Fitted {
  /** One per input, in order. */
  members: ForecastModel[];
  /** What the artifact stores of the fit. */
  panel: Panel | null;
}

export interface FitHooks {
  onProgress?(fraction: number, message: string): void;
  onMetrics?(step: number, values: Record<string, number>): void;
  shouldStop?(): boolean;
}

/** What every fit of one run shares: seasons, seed, horizon and the resolved parameters. */
export function fitOptions(args: Pick<ForecastJobArgs, 'season' | 'seed' | 'horizon' | 'params'>): Omit<FitOptions, 'timeline'> {
  const dominant = args.season.length ? Math.round(args.season[0]) : 1;
  return { seasonalPeriod: dominant > 1 ? dominant : 1, seasonalPeriods: args.season, seed: args.seed, horizon: args.horizon, params: args.params };
}

function unavailable(model: string): ApiError {
  return new ApiError('bad_request', `The '${model}' forecasting model is not available in this build yet`, { field: 'model' });
}

const isGlobal = (model: ForecastJobArgs['model']) => FORECAST_MODEL_SPECS[model].scope === 'global';

/** Fails early, before any data is read, when the engine lacks the model. */
export function checkModelAvailable(model: ForecastJobArgs['model']): void {
  if (isGlobal(model) ? !GLOBAL_FAMILIES[model as FamilyName] : !FORECAST_FAMILIES[model as FamilyName]) throw unavailable(model);
}

/** null when stopped (cancel). Per-series progress reads "fitting series 3 of 12". */
export async function fitModels(
  model: ForecastJobArgs['model'],
  inputs: readonly FitInput[],
  opts: Omit<FitOptions, 'timeline'>,
  hooks: FitHooks = {},
): Promise<Fitted | null> {
  checkModelAvailable(model);
  const panel = await fitPanel(model as FamilyName, inputs, {
    ...opts,
    onProgress: hooks.onProgress && ((f, m) => hooks.onProgress!(f, isGlobal(model) ? m : `fitting ${m}`)),
    onMetrics: hooks.onMetrics,
    shouldStop: hooks.shouldStop,
  });
  if (!panel || hooks.shouldStop?.()) return null;
  return { members: [...panel.members], panel };
}

/** One series fitted alone by a per-series family; null for global families (they need every series). */
export function fitOne(model: ForecastJobArgs['model'], input: FitInput, opts: Omit<FitOptions, 'timeline'>): ForecastModel | null {
  if (isGlobal(model)) return null;
  const family = FORECAST_FAMILIES[model as FamilyName];
  if (!family) throw unavailable(model);
  return family.fit(input.y, { ...opts, timeline: input.timeline });
}
