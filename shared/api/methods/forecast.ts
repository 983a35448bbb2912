import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import { DEFAULT_SEED, WARM_START_REF } from './runs';
import { DEFAULT_BACKTEST_WINDOWS, DEFAULT_FORECAST_LEVELS, forecastModelSchema } from '../../families/forecast';
import type { ForecastDetectionDto } from '../forecast-dto';

const column = z.string().min(1);

/** What a forecast is asked for: the data, its roles and the model. Stored on the run; re-runs replay it. */
export const forecastArgs = z
  .object({
    dataset: refSchema,
    /** The date/datetime column. */
    time: column,
    /** The numeric column to forecast. */
    target: column,
    /** One series per value of this column (hotel, product, line…). */
    series: column.optional(),
    /** Past-only covariates: known up to each origin, not in the future. */
    covariates: z.array(column).default([]),
    /** Covariates known in the future (calendar flags, planned price); read from the test dataset or the history's future rows. */
    futureCovariates: z.array(column).default([]),
    /** Holidays/events: a column naming the event on its dates. */
    events: column.optional(),
    horizon: z.number().int().min(1).max(100_000),
    model: forecastModelSchema.default('auto'),
    /** Seasonal periods in steps; default: proposed from the frequency. */
    season: z.array(z.number().gt(1).max(100_000)).optional(),
    levels: z.array(z.number().gt(0).lt(100)).min(1).max(5).default([...DEFAULT_FORECAST_LEVELS]),
    /** Later rows of the same series: rolling origins through it (see README, "Test dataset protocol"). */
    testDataset: refSchema.optional(),
    /** With a test dataset: refit never (state updates only), at every origin, or every N origins. */
    refit: z.union([z.literal('never'), z.literal('every'), z.number().int().min(1)]).default('never'),
    /** Backtest windows on the training tail when there is no test dataset. */
    windows: z.number().int().min(1).max(1000).default(DEFAULT_BACKTEST_WINDOWS),
    /** Several rows at one time point: refuse, or combine them. */
    duplicates: z.enum(['error', 'sum', 'mean', 'last']).default('error'),
    /** Checked against the model's schema (shared/families/forecast.ts); omitted ones take its defaults. */
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])).default({}),
    seed: z.number().int().min(0).default(DEFAULT_SEED),
    /** Continue from this run's model on this run's data (see runArgs.warmStartFrom); stored resolved to the run id. */
    warmStartFrom: WARM_START_REF.optional(),
  })
  .strict();
export type ForecastArgs = z.output<typeof forecastArgs>;

export const forecastMethods = {
  /** Reads the time and target columns and reports frequency, gaps, duplicates and proposed seasons; fits nothing. */
  'forecast.detect': method<ForecastDetectionDto>()(
    z
      .object({
        dataset: refSchema,
        time: column,
        target: column,
        series: column.optional(),
        duplicates: z.enum(['error', 'sum', 'mean', 'last']).default('error'),
      })
      .strict(),
  ),
  /** Starts a forecast run in a worker; returns at once (the run is an ordinary run with task 'forecast'). */
  'forecast.start': method<{ runId: string; jobId: string }>()(forecastArgs),
  /**
   * Future values of a registered forecast model (NAME@VERSION or a run id) with their bounds,
   * written as CSV; `history` moves the model's state on through newer data first.
   */
  'forecast.predict': method<{ jobId: string }>()(
    z
      .object({
        model: refSchema,
        horizon: z.number().int().min(1).max(100_000),
        history: refSchema.optional(),
        out: z.string().min(1),
        force: z.boolean().default(false),
      })
      .strict(),
  ),
};
