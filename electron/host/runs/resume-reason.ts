/**
 * Which runs keep a checkpoint to resume from, and why a stopped run has none: the one place that says
 * so, for the error `runs.resume` gives and for the docs' list.
 */
import type { RunArgs } from '../../../shared/api/methods/runs';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';

/** Runs that checkpoint every epoch: mlp and textnet (k-fold too), LSTM forecasts and ncf recommenders. */
export const RESUMABLE = 'only network runs keep one (mlp and textnet, k-fold too, LSTM forecasts and ncf recommenders), after their first whole epoch';

export type StoredRunArgs = { kind: 'train'; args: RunArgs } | { kind: 'forecast'; args: ForecastArgs } | { kind: 'recommend'; args: RecommendArgs } | { kind: 'ensemble' };

/** Why a stopped run has no checkpoint, in words that follow "has no checkpoint to resume from: ". */
export function whyNoCheckpoint(run: StoredRunArgs): string {
  switch (run.kind) {
    case 'ensemble':
      return `an ensemble trains nothing of its own; ${RESUMABLE}`;
    case 'recommend':
      return run.args.model === 'ncf' ? `it stopped before its first whole epoch; ${RESUMABLE}` : `the ${run.args.model} recommender trains no network; ${RESUMABLE}`;
    case 'forecast':
      return run.args.model === 'lstm' ? `it stopped before the LSTM's first whole epoch; ${RESUMABLE}` : `${/^[aeiou]/i.test(run.args.model) ? 'an' : 'a'} ${run.args.model} forecast trains no network; ${RESUMABLE}`;
    case 'train': {
      const { family } = run.args;
      if (family !== 'mlp' && family !== 'textnet') return `${family} trains no network; ${RESUMABLE}`;
      return `it stopped before its first whole epoch; ${RESUMABLE}`;
    }
  }
}
