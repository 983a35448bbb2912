import { gridTimestamp, type Frequency } from './frequency';
import type { Timeline } from './types';

export interface TimelineInput {
  frequency: Frequency;
  /** Epoch ms of grid index 0 (the first training value). */
  start: number;
  /** Covariate values along the grid from index 0; NaN = missing. May run past the training data. */
  covariates?: readonly { name: string; values: ArrayLike<number>; knownFuture: boolean }[];
  /** Event/holiday name per grid index from 0 (null = none). */
  events?: readonly (string | null)[];
}

/** A timeline over arrays the caller built (the host from a dataset, tests from synthetic data). */
export function makeTimeline(input: TimelineInput): Timeline {
  const cov = new Map((input.covariates ?? []).map((c) => [c.name, c.values]));
  const events = input.events ?? [];
  return {
    frequency: input.frequency,
    time: (i) => gridTimestamp(input.frequency, input.start, i),
    covariates: (input.covariates ?? []).map((c) => c.name),
    knownFuture: new Set((input.covariates ?? []).filter((c) => c.knownFuture).map((c) => c.name)),
    covariate(name, i) {
      const v = cov.get(name);
      if (!v) throw new Error(`no covariate '${name}' on this timeline`);
      return i >= 0 && i < v.length ? v[i] : NaN;
    },
    event: (i) => (i >= 0 && i < events.length ? events[i] : null),
  };
}

/** The same timeline seen from a later start: index 0 here is index `offset` there (a model fitted on a tail). */
export function shiftTimeline(t: Timeline, offset: number): Timeline {
  return {
    frequency: t.frequency,
    time: (i) => t.time(i + offset),
    covariates: t.covariates,
    knownFuture: t.knownFuture,
    covariate: (name, i) => t.covariate(name, i + offset),
    event: (i) => t.event(i + offset),
  };
}
