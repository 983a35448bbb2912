import { describe, expect, it } from 'vitest';
import type { ThresholdCountsDto } from '../../../shared/api/methods/explorer';
import { confusionAt, labelAt } from './threshold';

/**
 * Six held-out rows, binned by tenths: P(yes) = 0.1, 0.35, 0.5, 0.62, 0.88, 1 with actual
 * no, yes, no, yes, yes, no (so P(no) = 0.9, 0.65, 0.5, 0.38, 0.12, 0).
 */
const counts: ThresholdCountsDto = {
  classes: ['no', 'yes'],
  rows: 6,
  bins: 10,
  source: 'test',
  byClass: [
    { positives: [1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0], negatives: [0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0] },
    { positives: [0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0], negatives: [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1] },
  ],
};

describe('the decision threshold', () => {
  it('counts the confusion matrix at each threshold', () => {
    // 0.5: yes for 0.5, 0.62, 0.88, 1 → tp 2 (0.62, 0.88), fp 2 (0.5, 1), fn 1 (0.35), tn 1 (0.1).
    expect(confusionAt(counts, 1, 0.5)).toMatchObject({ tp: 2, fp: 2, fn: 1, tn: 1, precision: 0.5, recall: 2 / 3, accuracy: 0.5 });
    expect(confusionAt(counts, 1, 0.5).f1).toBeCloseTo(4 / 7, 12);
    // 0.7: yes for 0.88, 1 → tp 1, fp 1, fn 2, tn 2.
    expect(confusionAt(counts, 1, 0.7)).toMatchObject({ tp: 1, fp: 1, fn: 2, tn: 2 });
    // 0: everything positive; above 1: nothing, so precision is undefined.
    expect(confusionAt(counts, 1, 0)).toMatchObject({ tp: 3, fp: 3, fn: 0, tn: 0, recall: 1 });
    expect(confusionAt(counts, 1, 1)).toMatchObject({ tp: 0, fp: 1, fn: 3, tn: 2, precision: 0 });
  });

  it('counts with the other class as positive', () => {
    // P(no) ≥ 0.5: 0.9, 0.65, 0.5 → tp 2 (0.9, 0.5), fp 1 (0.65), fn 1 (0), tn 2.
    expect(confusionAt(counts, 0, 0.5)).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 2 });
  });

  it('labels a prediction by the chosen threshold and positive class', () => {
    const p = { no: 0.38, yes: 0.62 };
    expect(labelAt(p, ['no', 'yes'], 'yes', 0.5, 1000)).toBe('yes');
    expect(labelAt(p, ['no', 'yes'], 'yes', 0.7, 1000)).toBe('no');
    expect(labelAt(p, ['no', 'yes'], 'yes', 0.62, 1000)).toBe('yes');
    expect(labelAt(p, ['no', 'yes'], 'no', 0.3, 1000)).toBe('no');
    expect(labelAt(p, ['no', 'yes'], 'no', 0.5, 1000)).toBe('yes');
  });
});
