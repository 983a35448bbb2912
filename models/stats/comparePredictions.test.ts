import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../split/prng';
import { regressionMetrics } from '../metrics/regression';
import { classificationMetrics } from '../metrics/classification';
import { fastScore } from './comparePredictions';

/** Resampled rows with repeats, as the bootstrap draws them. */
function draw(n: number, seed: number): Uint32Array {
  const rand = mulberry32(seed);
  return Uint32Array.from({ length: n }, () => Math.floor(rand() * n));
}

describe('comparePredictions fast paths', () => {
  it('give the metrics functions’ own values, to the bit, on resampled rows', () => {
    const rand = mulberry32(5);
    const n = 500;
    const actual = Array.from({ length: n }, () => rand() * 1000);
    const values = actual.map((y) => y + (rand() - 0.5) * 300);
    for (const metric of ['rmse', 'mae'] as const) {
      const f = fastScore(metric, null)!;
      for (let s = 1; s <= 5; s++) {
        const rows = draw(n, s);
        expect(f({ actual, values, probabilities: null }, rows)).toBe(regressionMetrics(Float64Array.from(rows, (i) => actual[i]), Float64Array.from(rows, (i) => values[i]))[metric]);
      }
    }
    const K = 3;
    const classes = Array.from({ length: n }, () => Math.floor(rand() * K));
    // Ties included: every tenth row has two equal top probabilities.
    const probabilities = Array.from({ length: n * K }, (_, j) => (Math.floor(j / K) % 10 === 0 && j % K < 2 ? 0.45 : rand()));
    const f = fastScore('accuracy', K)!;
    for (let s = 1; s <= 5; s++) {
      const rows = draw(n, s);
      const probs = Float64Array.from({ length: n * K }, (_, j) => probabilities[rows[Math.floor(j / K)] * K + (j % K)]);
      expect(f({ actual: classes, values: classes, probabilities }, rows)).toBe(classificationMetrics(Float64Array.from(rows, (i) => classes[i]), probs, K).accuracy);
    }
    expect(fastScore('r2', null)).toBeNull();
    expect(fastScore('logloss', K)).toBeNull();
  });
});
