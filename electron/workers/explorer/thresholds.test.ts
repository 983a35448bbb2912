import { describe, expect, it } from 'vitest';
import { binByProbability } from './thresholds';

describe('binning held-out probabilities', () => {
  // P(class 1) of six rows and their classes.
  const p1 = [0.1, 0.35, 0.5, 0.62, 0.88, 1];
  const y = [0, 1, 0, 1, 1, 0];
  const probabilities = p1.flatMap((p) => [1 - p, p]);

  it('counts each class’s rows by the bin of its probability, edges included', () => {
    const { rows, byClass } = binByProbability(probabilities, y, 10);
    expect(rows).toBe(6);
    // Class 1: positives at 0.35, 0.62, 0.88; negatives at 0.1, 0.5, 1 (P = 1 is the last bin).
    expect(byClass[1].positives).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0]);
    expect(byClass[1].negatives).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // Class 0 reads P(0) = 1 − P(1): 0.9, 0.5, 0 and 0.65, 0.38, 0.12 (to the nearest bin below).
    expect(byClass[0].positives).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(byClass[0].negatives).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('puts a probability on a bin edge in that bin, whatever floating point says of p × bins', () => {
    const edges = [0.29, 0.57, 0.58, 0.07];
    const { byClass } = binByProbability(edges.flatMap((p) => [1 - p, p]), [1, 1, 1, 1], 100);
    for (const p of edges) expect(byClass[1].positives[Math.round(p * 100)]).toBe(1);
  });

  it('skips rows without a known class', () => {
    expect(binByProbability([0.5, 0.5, 0.2, 0.8], [-1, 1], 4).rows).toBe(1);
  });
});
