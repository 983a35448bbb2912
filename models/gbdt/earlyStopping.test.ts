import { describe, it, expect } from 'vitest';
import { trainGbdt } from './train';
import { DEFAULT_GBDT_PARAMS, GBDT_AUTO_EARLY_STOPPING_ROWS, GbdtParams, earlyStoppingOn, resolveGbdtParams } from './params';
import { evalLoss } from './losses';
import { takeMatrixRows, takeValues } from './matrix';
import { randomSplit } from '../split/split';
import { linearRegression, thresholdClassification, Dataset } from '../testing/synthetic';
import { GBDT_DEFAULTS } from '../../shared/families/index';

// Noisy targets: the held-out loss bottoms out within a few dozen rounds at learning rate 0.3.
const large = linearRegression(GBDT_AUTO_EARLY_STOPPING_ROWS + 2000, 11, 3);
const small = linearRegression(GBDT_AUTO_EARLY_STOPPING_ROWS - 200, 7, 3);
const fast: Partial<GbdtParams> = { trees: 400, maxDepth: 4, learningRate: 0.3 };

/** The rows trainGbdt holds out (same split call), and the loss of `rows` under the model's raw margins. */
function heldOut(d: Dataset, p: GbdtParams) {
  return randomSplit(d.nRows, p.validationFraction, p.seed ^ 0x5eed);
}
function lossOn(d: Dataset, rows: Uint32Array, res: ReturnType<typeof trainGbdt>): number {
  const X = takeMatrixRows(d.X, d.nCols, rows);
  return evalLoss('squared', takeValues(d.y, rows), res.model.predictRaw(X, rows.length), 1, 0.5);
}

describe('gbdt early stopping params', () => {
  it("resolves 'auto' by default, and keeps the meaning of params written before earlyStopping existed", () => {
    expect(DEFAULT_GBDT_PARAMS.earlyStopping).toBe('auto');
    expect(DEFAULT_GBDT_PARAMS.earlyStoppingRounds).toBeGreaterThan(0);
    const mode = (p: Partial<GbdtParams>) => resolveGbdtParams(p).earlyStopping;
    expect(mode({})).toBe('auto');
    expect(mode({ trees: 200 })).toBe('auto');
    // Old params: rounds alone decided, 0 = off and > 0 = on.
    expect(mode({ earlyStoppingRounds: 0 })).toBe('off');
    expect(mode({ earlyStoppingRounds: 10 })).toBe('on');
    // With earlyStopping given, rounds is only the patience; 0 still means off.
    expect(mode({ earlyStopping: 'auto', earlyStoppingRounds: 10 })).toBe('auto');
    expect(mode({ earlyStopping: 'off', earlyStoppingRounds: 10 })).toBe('off');
    expect(mode({ earlyStopping: 'on', earlyStoppingRounds: 0 })).toBe('off');
    expect(mode({ earlyStopping: 'auto', earlyStoppingRounds: 0 })).toBe('off');
    expect(mode({ earlyStopping: undefined, earlyStoppingRounds: undefined })).toBe('auto');
    // Resolving resolved params changes nothing.
    for (const p of [{}, { earlyStoppingRounds: 0 }, { earlyStoppingRounds: 7 }, { earlyStopping: 'on' as const }]) {
      expect(resolveGbdtParams(resolveGbdtParams(p))).toEqual(resolveGbdtParams(p));
    }
    expect(() => resolveGbdtParams({ earlyStopping: 'yes' as never })).toThrow(/earlyStopping/);
    expect(() => resolveGbdtParams({ earlyStoppingRounds: -1 })).toThrow(/earlyStoppingRounds/);
    expect(() => resolveGbdtParams({ earlyStopping: 'on', validationFraction: 0 })).toThrow(/validationFraction/);
  });

  it("the engine's defaults are the family schema's", () => {
    for (const [key, value] of Object.entries(GBDT_DEFAULTS)) {
      expect([key, DEFAULT_GBDT_PARAMS[key as keyof GbdtParams]]).toEqual([key, value]);
    }
  });

  it("'auto' turns on above the row threshold only", () => {
    const auto = { earlyStopping: 'auto' as const };
    expect(earlyStoppingOn(auto, GBDT_AUTO_EARLY_STOPPING_ROWS)).toBe(false);
    expect(earlyStoppingOn(auto, GBDT_AUTO_EARLY_STOPPING_ROWS + 1)).toBe(true);
    expect(earlyStoppingOn({ earlyStopping: 'on' }, 10)).toBe(true);
    expect(earlyStoppingOn({ earlyStopping: 'off' }, 1e9)).toBe(false);
  });
});

describe('gbdt early stopping in training', () => {
  it("'auto' above the threshold holds out a validation share, stops, and keeps the best round", () => {
    const res = trainGbdt(large, fast);
    const p = res.params;
    expect(p.earlyStopping).toBe('auto');
    expect(res.earlyStopping).toBe(true);
    const split = heldOut(large, p);
    expect(res.heldOutRows).toBe(split.test.length);
    expect(res.heldOutRows).toBe(Math.round(large.nRows * p.validationFraction));
    expect(res.stoppedEarly).toBe(true);
    const trained = res.curves.train.length;
    expect(trained).toBeLessThan(fast.trees!);
    expect(trained).toBe(res.bestIteration + 1 + p.earlyStoppingRounds);
    expect(res.curves.holdout).toHaveLength(trained);
    // No validation set given: the curve is the held-out share's.
    expect(res.curves.valid).toEqual(res.curves.holdout);
    expect(res.model.rounds).toBe(res.bestIteration + 1);
    expect(Math.min(...res.curves.holdout)).toBe(res.curves.holdout[res.bestIteration]);
    // The kept model scores the held-out rows as the curve says, and was trained on the other rows only.
    expect(lossOn(large, split.test, res)).toBeCloseTo(res.curves.holdout[res.bestIteration], 9);
    expect(lossOn(large, split.train, res)).toBeCloseTo(res.curves.train[res.bestIteration], 9);
  });

  it("'auto' at or below the threshold trains every round on every row", () => {
    const atThreshold = linearRegression(GBDT_AUTO_EARLY_STOPPING_ROWS, 11, 3);
    const res = trainGbdt(atThreshold, { ...fast, trees: 40 });
    expect(res.params.earlyStopping).toBe('auto');
    expect(res.earlyStopping).toBe(false);
    expect(res.heldOutRows).toBe(0);
    expect(res.stoppedEarly).toBe(false);
    expect(res.curves.train).toHaveLength(40);
    expect(res.curves.holdout).toHaveLength(0);
    expect(res.curves.valid).toHaveLength(0);
    expect(res.model.rounds).toBe(40);
    const all = Uint32Array.from({ length: atThreshold.nRows }, (_, i) => i);
    expect(lossOn(atThreshold, all, res)).toBeCloseTo(res.curves.train[39], 9);
  });

  it("'off' and an explicit earlyStoppingRounds 0 train every round on every row, above the threshold too", () => {
    const trees = 30;
    const off = trainGbdt(large, { ...fast, trees, earlyStopping: 'off' });
    const legacy = trainGbdt(large, { ...fast, trees, earlyStoppingRounds: 0 });
    const autoZero = trainGbdt(large, { ...fast, trees, earlyStopping: 'auto', earlyStoppingRounds: 0 });
    for (const res of [off, legacy, autoZero]) {
      expect(res.params.earlyStopping).toBe('off');
      expect(res.earlyStopping).toBe(false);
      expect(res.heldOutRows).toBe(0);
      expect(res.model.rounds).toBe(trees);
      expect(res.curves.holdout).toHaveLength(0);
    }
    const all = Uint32Array.from({ length: large.nRows }, (_, i) => i);
    expect(lossOn(large, all, off)).toBeCloseTo(off.curves.train[trees - 1], 9);
    expect(JSON.stringify(legacy.model.toJSON())).toBe(JSON.stringify(off.model.toJSON()));
    expect(JSON.stringify(autoZero.model.toJSON())).toBe(JSON.stringify(off.model.toJSON()));
  });

  it("'on' works below the threshold, for regression and classification", () => {
    const res = trainGbdt(small, { ...fast, earlyStopping: 'on', earlyStoppingRounds: 10 });
    expect(res.earlyStopping).toBe(true);
    expect(res.heldOutRows).toBe(Math.round(small.nRows * res.params.validationFraction));
    expect(res.heldOutRows).toBeGreaterThan(0);
    expect(res.stoppedEarly).toBe(true);
    expect(res.curves.train).toHaveLength(res.bestIteration + 11);
    expect(res.model.rounds).toBe(res.bestIteration + 1);
    expect(lossOn(small, heldOut(small, res.params).test, res)).toBeCloseTo(res.curves.holdout[res.bestIteration], 9);

    // Stratified hold-out for classes: both classes keep their share.
    const cls = thresholdClassification(GBDT_AUTO_EARLY_STOPPING_ROWS - 100, 5);
    const c = trainGbdt(cls, { trees: 300, maxDepth: 4, learningRate: 0.5, loss: 'logloss', earlyStopping: 'on', earlyStoppingRounds: 10, validationFraction: 0.2 });
    expect(c.earlyStopping).toBe(true);
    const expected = 0.2 * cls.nRows;
    expect(Math.abs(c.heldOutRows - expected)).toBeLessThanOrEqual(1);
    expect(c.model.rounds).toBe(c.bestIteration + 1);
    expect(c.curves.train.length).toBeLessThan(300);
  });

  it('a given validation set draws the curve but never decides when to stop', () => {
    // Labels negated: its loss rises from the first rounds, so stopping on it would end at once.
    const monitor = { X: small.X, nRows: small.nRows, y: small.y.map((v) => -v) };
    const seen: (number | undefined)[] = [];
    const res = trainGbdt(small, { ...fast, earlyStopping: 'on', earlyStoppingRounds: 10 }, {
      valid: monitor,
      onIteration: (_, m) => seen.push(m.valid),
    });
    const trained = res.curves.train.length;
    expect(res.curves.valid).toHaveLength(trained);
    expect(res.curves.holdout).toHaveLength(trained);
    expect(seen).toEqual(res.curves.valid);
    expect(res.curves.valid[trained - 1]).toBeGreaterThan(res.curves.valid[0]);
    expect(res.bestIteration).toBeGreaterThan(5);
    expect(Math.min(...res.curves.holdout)).toBe(res.curves.holdout[res.bestIteration]);
    // The same run without the monitor keeps the same trees.
    const plain = trainGbdt(small, { ...fast, earlyStopping: 'on', earlyStoppingRounds: 10 });
    expect(JSON.stringify(plain.model.toJSON())).toBe(JSON.stringify(res.model.toJSON()));
  });
});
