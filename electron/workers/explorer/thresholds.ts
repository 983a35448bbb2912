/** A binary model's stored held-out predictions, binned by probability for the decision-threshold slider. */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { ThresholdCountsDto } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';

/** Thresholds the counts are exact at: every multiple of 1/1000 (the slider steps by 0.01). */
export const THRESHOLD_BINS = 1000;

export function thresholdCounts(databasePath: string, nativeBinding: string | undefined, m: ExplorerModel): ThresholdCountsDto {
  const a = m.artifact;
  if (a.task !== 'binary' || !a.classes || a.classes.length !== 2) {
    throw new ApiError('bad_request', `A decision threshold applies to binary models; this one is ${a.task}`, { field: 'model' });
  }
  const db = openDatabase(databasePath, { nativeBinding, readonly: true });
  let predictions: RunPredictionsDto | null;
  let kfold: boolean;
  try {
    const repo = new RunsRepo(db);
    kfold = repo.get(m.runId, 0).split.kind === 'kfold';
    predictions = repo.artifact<RunPredictionsDto>(m.runId, 'predictions');
  } finally {
    db.close();
  }
  if (!predictions?.probabilities) throw new ApiError('not_found', `Run ${m.runId.slice(0, 8)} kept no held-out probabilities`, { field: 'model' });
  const { rows, byClass } = binByProbability(predictions.probabilities, predictions.actual, THRESHOLD_BINS);
  return { classes: [String(a.classes[0]), String(a.classes[1])], rows, bins: THRESHOLD_BINS, byClass, source: kfold ? 'out-of-fold' : 'test' };
}

/**
 * For each class k: rows of class k and of the other class per bin of P(k), where bin b is the
 * largest b with P(k) ≥ b / bins — so "P(k) ≥ t" for t = j / bins is exactly "bin ≥ j".
 * `probabilities` is n × 2 row-major, `actual` the class index (rows with another value are skipped).
 */
export function binByProbability(probabilities: ArrayLike<number>, actual: ArrayLike<number>, bins: number): Pick<ThresholdCountsDto, 'rows' | 'byClass'> {
  const byClass = [0, 1].map(() => ({ positives: new Array<number>(bins + 1).fill(0), negatives: new Array<number>(bins + 1).fill(0) }));
  let rows = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    if (y !== 0 && y !== 1) continue;
    rows++;
    for (let k = 0; k < 2; k++) {
      const b = binOf(probabilities[i * 2 + k], bins);
      if (y === k) byClass[k].positives[b]++;
      else byClass[k].negatives[b]++;
    }
  }
  return { rows, byClass };
}

function binOf(p: number, bins: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return bins;
  // floor(p * bins) can be one off where p sits on a bin edge; the comparison below is the rule.
  let b = Math.floor(p * bins);
  if (b + 1 <= bins && p >= (b + 1) / bins) b++;
  if (b > 0 && p < b / bins) b--;
  return b;
}
