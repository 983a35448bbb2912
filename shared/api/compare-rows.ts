import type { RunDetailDto } from './runs-dto';

type RunRows = Pick<RunDetailDto, 'datasetId' | 'datasetSha256' | 'testDatasetId' | 'target' | 'split' | 'seed'>;

/**
 * Why two runs were not scored on the same rows, judged from what they recorded (no predictions
 * needed), or null when they may have been. Asked before a comparison starts, so a refusal is an
 * answer, not a failed job; the comparison itself still checks the rows one by one.
 */
export function whyNotSameRows(a: RunRows, b: RunRows): string | null {
  if (a.datasetSha256 !== b.datasetSha256 || a.datasetId !== b.datasetId) return 'they were trained on different datasets';
  if ((a.testDatasetId ?? null) !== (b.testDatasetId ?? null)) return 'they were tested on different test datasets';
  if (a.target !== b.target) return `they predict different targets ('${a.target}' and '${b.target}')`;
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
