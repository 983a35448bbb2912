/**
 * One series as the forecasting worker fits it: training values then test values on one grid, and a
 * timeline whose past-only covariates are hidden from the current origin on, so nothing fitted or
 * updated before an origin can read what came after it.
 */
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import { makeTimeline } from '../../../models/forecast/timeline';
import type { Timeline } from '../../../models/forecast/types';
import type { GridSeries, SeriesContinuation } from '../../data/forecast/series';

export interface PreparedSeries {
  id: string;
  /** Training values, then the test dataset's (NaN where missing). */
  y: Float64Array;
  /** Training points: y[0 .. train − 1]. */
  train: number;
  /** Epoch ms of grid index 0. */
  start: number;
  timeline: Timeline;
  /** Past-only covariates are NaN at and after this grid index (the origin being forecast from). */
  reveal(until: number): void;
}

function concat(a: ArrayLike<number>, b: ArrayLike<number> | undefined): Float64Array {
  const out = new Float64Array(a.length + (b?.length ?? 0));
  out.set(Array.from(a));
  if (b) out.set(Array.from(b), a.length);
  return out;
}

export function prepareSeries(train: GridSeries, testData: SeriesContinuation | null, args: Pick<ForecastJobArgs, 'covariates' | 'futureCovariates'>): PreparedSeries {
  const { frequency, timestamps, values } = train.series;
  // Without a test dataset, rows after the last value carry the known future's covariates and events.
  const test = testData ?? (train.future.length > 0 ? { values: new Float64Array(0), covariates: train.future.covariates, events: train.future.events } : null);
  const covariates = [
    ...args.covariates.map((name) => ({ name, knownFuture: false })),
    ...args.futureCovariates.map((name) => ({ name, knownFuture: true })),
  ].map((c) => ({ ...c, values: concat(train.covariates.get(c.name) ?? new Float64Array(values.length).fill(NaN), test?.covariates.get(c.name) ?? (test ? new Float64Array(test.values.length).fill(NaN) : undefined)) }));
  const events = train.events ? [...train.events, ...(test?.events ?? new Array<null>(test?.values.length ?? 0).fill(null))] : undefined;
  const base = makeTimeline({ frequency, start: timestamps[0], covariates, events });
  let revealed = Infinity;
  const timeline: Timeline = {
    frequency: base.frequency,
    time: base.time,
    covariates: base.covariates,
    knownFuture: base.knownFuture,
    covariate: (name, i) => (i >= revealed && !base.knownFuture.has(name) ? NaN : base.covariate(name, i)),
    event: base.event,
  };
  return {
    id: train.id,
    y: concat(values, test?.values),
    train: values.length,
    start: timestamps[0],
    timeline,
    reveal: (until) => {
      revealed = until;
    },
  };
}
