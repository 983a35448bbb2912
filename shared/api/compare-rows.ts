import type { RunDetailDto } from './runs-dto';

/**
 * The metric two runs of a family are paired on when none is asked for: forecasts by absolute error per
 * point (MAE, as their reports lead with), recommenders by each evaluated user's ndcg at the run's k.
 * runs.compare and retraining plans both read it; direction comes from models/stats/ab's LOWER_IS_BETTER.
 */
export const PAIRED_METRIC = { forecast: 'mae', recommend: 'ndcg' } as const;

type RunRows = Pick<RunDetailDto, 'datasetId' | 'datasetSha256' | 'testDatasetId' | 'target' | 'split' | 'seed'> &
  Partial<Pick<RunDetailDto, 'task' | 'forecastSpec' | 'recommendSpec' | 'recommend'>>;

/**
 * Why two runs were not scored on the same rows, judged from what they recorded (no predictions
 * needed), or null when they may have been. Asked before a comparison starts, so a refusal is an
 * answer, not a failed job; the comparison itself still checks the rows one by one.
 */
export function whyNotSameRows(a: RunRows, b: RunRows): string | null {
  if (a.datasetSha256 !== b.datasetSha256 || a.datasetId !== b.datasetId) return 'they were trained on different datasets';
  if ((a.testDatasetId ?? null) !== (b.testDatasetId ?? null)) return 'they were tested on different test datasets';
  if (a.target !== b.target) return `they predict different targets ('${a.target}' and '${b.target}')`;
  if ((a.task === 'forecast') !== (b.task === 'forecast')) return 'one is a forecast and the other a tabular model';
  if (a.forecastSpec && b.forecastSpec) return whyNotSamePoints(a.forecastSpec, b.forecastSpec);
  if ((a.task === 'recommend') !== (b.task === 'recommend')) return 'one is a recommender and the other is not';
  if (a.recommendSpec && b.recommendSpec) return whyNotSameUsers(a, b, a.recommendSpec, b.recommendSpec);
  const sa = a.split;
  const sb = b.split;
  if (sa.kind !== sb.kind) return `one holds out rows by a ${sa.kind} split, the other by a ${sb.kind} split`;
  // k-fold scores every row out of fold and a holdout scores the whole test file: the same rows whatever the seed.
  if (sa.kind === 'random' && (sa.testFraction !== sb.testFraction || a.seed !== b.seed)) {
    return `their test rows differ (random split of ${sa.testFraction} with seed ${a.seed} vs ${sb.testFraction} with seed ${b.seed}); train both with the same split and seed`;
  }
  if (sa.kind === 'time' && (sa.testFraction !== sb.testFraction || sa.column !== sb.column)) {
    return `their test rows differ (time split on '${sa.column}' of ${sa.testFraction} vs on '${sb.column}' of ${sb.testFraction})`;
  }
  return null;
}

type Spec = NonNullable<RunDetailDto['forecastSpec']>;

/** Two forecast runs score the same (series, origin, step) points when they cut the data the same way. */
function whyNotSamePoints(a: Spec, b: Spec): string | null {
  if (a.time !== b.time || (a.series ?? null) !== (b.series ?? null)) return 'they read the series by different time or series columns';
  if (a.horizon !== b.horizon) return `they forecast different horizons (${a.horizon} and ${b.horizon} steps)`;
  if (!a.testDataset && a.windows !== b.windows) return `their backtests use different windows (${a.windows} and ${b.windows})`;
  if (a.duplicates !== b.duplicates) return `they combine duplicate times differently (${a.duplicates} and ${b.duplicates})`;
  return null;
}

type RecSpec = NonNullable<RunDetailDto['recommendSpec']>;

const feedbackOf = (s: RecSpec) => (s.rating ? `ratings '${s.rating}'` : s.event ? `events '${s.event}' (${JSON.stringify(s.weights ?? {})})` : s.count ? `counts '${s.count}'` : 'presence');

/**
 * Two recommender runs score the same users the same way when they read the same interactions, hold
 * out the same ones (split, seed) and cut the lists at the same k; the per-user check follows in the job.
 */
function whyNotSameUsers(a: RunRows, b: RunRows, sa: RecSpec, sb: RecSpec): string | null {
  if (sa.user !== sb.user || sa.item !== sb.item) return 'they read users and items from different columns';
  if (feedbackOf(sa) !== feedbackOf(sb)) return `they judge relevance from different feedback (${feedbackOf(sa)} and ${feedbackOf(sb)})`;
  if (sa.k !== sb.k) return `their lists are cut at different k (${sa.k} and ${sb.k})`;
  if (sa.split !== sb.split) return `one holds out interactions by a ${sa.split} split, the other by a ${sb.split} split`;
  if (sa.split === 'random' && sa.seed !== sb.seed) return `their held-out interactions differ (random split with seed ${sa.seed} vs ${sb.seed}); train both with the same seed`;
  if (sa.split !== 'random' && sa.split !== 'test' && sa.time !== sb.time) return `they order interactions by different time columns ('${sa.time}' and '${sb.time}')`;
  const ua = a.recommend?.evaluatedUsers;
  const ub = b.recommend?.evaluatedUsers;
  if (ua !== undefined && ub !== undefined && ua !== ub) return `they evaluated different users (${ua} and ${ub})`;
  return null;
}
