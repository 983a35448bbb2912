import { describe, it, expect } from 'vitest';
import { regressionMetrics, classificationMetrics, confusionMatrix, calibrationCurve, rocAuc, fitConformal, measuredCoverage } from './index';
import { mulberry32, gaussian } from '../split/prng';

describe('regression metrics', () => {
  it('match hand-computed values', () => {
    const m = regressionMetrics([1, 2, 3, 4], [1, 3, 2, 6]);
    expect(Object.keys(m).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);
    expect(m.mae).toBeCloseTo(1, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(m.r2).toBeCloseTo(-0.2, 12);
    expect(m.mape).toBeCloseTo((0 + 0.5 + 1 / 3 + 0.5) / 4, 12);
  });
});

describe('classification metrics', () => {
  it('binary values match hand computation', () => {
    const m = classificationMetrics([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 2);
    expect(Object.keys(m).sort()).toEqual(['accuracy', 'auc', 'f1', 'logloss', 'prAuc', 'precision', 'recall']);
    expect(m.accuracy).toBe(0.75);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.auc).toBeCloseTo(0.75, 12);
    expect(m.prAuc).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
    expect(m.logloss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, 12);
  });

  it('auc averages ties', () => {
    expect(rocAuc([false, true, false, true], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
  });

  it('multiclass macro averages and confusion matrix', () => {
    const probs = [0.8, 0.1, 0.1, 0.1, 0.2, 0.7, 0.1, 0.2, 0.7, 0.2, 0.6, 0.2];
    const y = [0, 1, 2, 2];
    const m = classificationMetrics(y, probs, 3);
    expect(confusionMatrix(y, [0, 2, 2, 1], 3)).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 1]]);
    expect(m.accuracy).toBe(0.5);
    expect(m.precision).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.f1).toBeCloseTo(0.5, 12);
    // one-vs-rest aucs: class 0 = 1, class 1 = 1.5/3, class 2 = 2.5/4
    expect(m.auc).toBeCloseTo((1 + 0.5 + 0.625) / 3, 12);
  });

  it('calibration curve bins probabilities', () => {
    const c = calibrationCurve([0, 1, 1, 0, 1], [0.05, 0.15, 0.95, 0.9, 0.99], 2);
    expect(c).toEqual([
      { meanPredicted: 0.1, fractionPositive: 0.5, count: 2 },
      { meanPredicted: (0.95 + 0.9 + 0.99) / 3, fractionPositive: 2 / 3, count: 3 },
    ]);
  });
});

describe('split conformal', () => {
  it('uses the finite-sample corrected rank', () => {
    const r = [9, -1, 2, 3, -4, 5, 6, 7, 8];
    expect(fitConformal(r, 0.8).halfWidth).toBe(8);
    expect(fitConformal(r, 0.5).halfWidth).toBe(5);
    expect(fitConformal(r, 0.95).halfWidth).toBe(Infinity);
  });

  it('achieves the requested coverage on exchangeable data', () => {
    const rand = mulberry32(3);
    const cal = Array.from({ length: 2000 }, () => gaussian(rand));
    const q = fitConformal(cal, 0.9).halfWidth;
    const yTest = Array.from({ length: 5000 }, () => gaussian(rand));
    const cov = measuredCoverage(yTest, new Float64Array(5000), q);
    expect(cov).toBeGreaterThan(0.88);
    expect(cov).toBeLessThan(0.92);
  });
});
