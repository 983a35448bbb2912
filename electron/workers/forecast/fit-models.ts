/**
 * Fits a forecasting model to several series: one model per series for per-series families, one
 * model across all of them for global families (each series then forecasts from its own history).
 * The small seam the worker fits through, so the engine's panel helper can take its place.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import { FORECAST_MODEL_SPECS } from '../../../shared/families/forecast';
import { FORECAST_FAMILIES, GLOBAL_FAMILIES } from '../../../models/forecast/families';
import type { FamilyName, FitOptions, ForecastModel, GlobalModel, Timeline } from '../../../models/forecast/types';

export interface FitInput {
  y: Float64Array;
  timeline: Timeline;
}

export interface Fitted {
  /** One per input, in order. */
  members: ForecastModel[];
  /** The shared model of a global family, else null. */
  global: GlobalModel | null;
}

export interface FitHooks {
  /** Before each series of a per-series family (0-based), or once for a global family. */
  onSeries?(index: number, total: number): void;
  onProgress?(fraction: number, message: string): void;
  onMetrics?(step: number, values: Record<string, number>): void;
  shouldStop?(): boolean;
}

/** What every fit of one run shares: seasons, seed, horizon and the resolved parameters. */
export function fitOptions(args: Pick<ForecastJobArgs, 'season' | 'seed' | 'horizon' | 'params' | 'model'>): Omit<FitOptions, 'timeline'> & { combine?: number } {
  const dominant = args.season.length ? Math.round(args.season[0]) : 1;
  const opts: Omit<FitOptions, 'timeline'> & { combine?: number } = {
    seasonalPeriod: dominant > 1 ? dominant : 1,
    seasonalPeriods: args.season,
    seed: args.seed,
    horizon: args.horizon,
    params: args.params,
  };
  // auto reads how many of its best candidates to combine from its options.
  if (args.model === 'auto' && typeof args.params.combine === 'number') opts.combine = args.params.combine;
  return opts;
}

function unavailable(model: string): ApiError {
  return new ApiError('bad_request', `The '${model}' forecasting model is not available in this build yet`, { field: 'model' });
}

/** Fails early, before any data is read, when the engine lacks the model. */
export function checkModelAvailable(model: ForecastJobArgs['model']): void {
  const global = FORECAST_MODEL_SPECS[model].scope === 'global';
  if (global ? !GLOBAL_FAMILIES[model as FamilyName] : !FORECAST_FAMILIES[model as FamilyName]) throw unavailable(model);
}

/** null when stopped (cancel) between series. */
export async function fitModels(
  model: ForecastJobArgs['model'],
  inputs: readonly FitInput[],
  opts: Omit<FitOptions, 'timeline'>,
  hooks: FitHooks = {},
): Promise<Fitted | null> {
  const name = model as FamilyName;
  if (FORECAST_MODEL_SPECS[model].scope === 'global') {
    const family = GLOBAL_FAMILIES[name];
    if (!family) throw unavailable(model);
    hooks.onSeries?.(0, 1);
    const global = await family.fit(inputs, { ...opts, onProgress: hooks.onProgress, onMetrics: hooks.onMetrics, shouldStop: hooks.shouldStop });
    if (hooks.shouldStop?.()) return null;
    return { members: [...global.members], global };
  }
  const family = FORECAST_FAMILIES[name];
  if (!family) throw unavailable(model);
  const members: ForecastModel[] = [];
  for (let i = 0; i < inputs.length; i++) {
    if (hooks.shouldStop?.()) return null;
    hooks.onSeries?.(i, inputs.length);
    members.push(family.fit(inputs[i].y, { ...opts, timeline: inputs[i].timeline }));
  }
  return { members, global: null };
}

/** One series fitted alone by a per-series family; null for global families (they need every series). */
export function fitOne(model: ForecastJobArgs['model'], input: FitInput, opts: Omit<FitOptions, 'timeline'>): ForecastModel | null {
  if (FORECAST_MODEL_SPECS[model].scope === 'global') return null;
  const family = FORECAST_FAMILIES[model as FamilyName];
  if (!family) throw unavailable(model);
  return family.fit(input.y, { ...opts, timeline: input.timeline });
}
