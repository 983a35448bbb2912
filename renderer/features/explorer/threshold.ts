import type { ThresholdCountsDto } from '../../../shared/api/methods/explorer';

export interface Confusion {
  /** Actual positive, predicted positive; and so on. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Null where undefined (nothing predicted positive, no positive rows). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

/** The threshold the counts are exact at: the slider's value on the counts' 1/bins grid. */
export const gridIndex = (threshold: number, bins: number) => Math.min(bins, Math.max(0, Math.round(threshold * bins)));

/** Confusion counts when rows with P(positive) ≥ threshold are called positive. */
export function confusionAt(counts: ThresholdCountsDto, positive: number, threshold: number): Confusion {
  const { positives, negatives } = counts.byClass[positive];
  const from = gridIndex(threshold, counts.bins);
  let tp = 0, fn = 0, fp = 0, tn = 0;
  for (let b = 0; b <= counts.bins; b++) {
    if (b >= from) {
      tp += positives[b];
      fp += negatives[b];
    } else {
      fn += positives[b];
      tn += negatives[b];
    }
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : tp + fp + fn > 0 ? 0 : null;
  return { tp, fp, fn, tn, precision, recall, f1, accuracy: ratio(tp + tn, tp + fp + fn + tn) };
}

/**
 * The label a binary model gives at a threshold: the positive class where its probability reaches
 * the threshold (on the same grid as the counts), else the other class.
 */
export function labelAt(probabilities: Record<string, number>, classes: [string, string], positive: string, threshold: number, bins: number): string {
  const negative = classes[0] === positive ? classes[1] : classes[0];
  const p = probabilities[positive] ?? 0;
  return p >= gridIndex(threshold, bins) / bins ? positive : negative;
}
