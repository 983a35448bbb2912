import { describe, expect, it } from 'vitest';
import { rocPr } from './train-task';

describe('ROC and precision-recall points', () => {
  it('walk thresholds from the top score, ties together', () => {
    const { roc, pr } = rocPr([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1]);
    expect(roc).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(pr).toEqual([
      { recall: 0.5, precision: 1 },
      { recall: 1, precision: 2 / 3 },
      { recall: 1, precision: 0.5 },
    ]);
  });

  it('keeps at most about 200 points', () => {
    const n = 5000;
    const { roc } = rocPr(Array.from({ length: n }, (_, i) => i % 2), Array.from({ length: n }, (_, i) => i / n));
    expect(roc.length).toBeLessThanOrEqual(202);
    expect(roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
  });
});
