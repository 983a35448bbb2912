import { describe, it, expect } from 'vitest';
import { trainMlp, MlpModel } from './mlp';
import { linearRegression, xorClassification, blobs, sliceRows, accuracy } from '../testing/synthetic';
import { regressionMetrics, argmaxRows } from '../metrics/index';
import { PRESET_INFO, PRESET_NAMES, networkPreset } from '../../shared/nn/index';

describe('mlp', () => {
  it('fits a linear regression target', async () => {
    const d = linearRegression(600, 41);
    const { model, curves } = await trainMlp(sliceRows(d, 0, 500), 'regression', 0, { hidden: [16], epochs: 40, learningRate: 0.01, dropout: 0, batchSize: 32 });
    expect(curves.train.at(-1)!).toBeLessThan(curves.train[0]);
    const test = sliceRows(d, 500, 600);
    expect(regressionMetrics(test.y, model.predict(test.X, test.nRows)).r2).toBeGreaterThan(0.9);
    const back = MlpModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const head = test.X.subarray(0, 5 * test.nCols);
    const a = model.predict(head, 5), b = back.predict(head, 5);
    for (let i = 0; i < 5; i++) expect(b[i]).toBeCloseTo(a[i], 4);
  }, 30_000);

  it('learns XOR (binary)', async () => {
    const d = xorClassification(800, 42);
    const { model } = await trainMlp(sliceRows(d, 0, 600), 'binary', 2, { hidden: [16, 16], epochs: 60, learningRate: 0.02, dropout: 0, batchSize: 32 });
    const test = sliceRows(d, 600, 800);
    const p = model.predict(test.X, test.nRows);
    expect(accuracy(test.y, Array.from(p, (v) => (v > 0.5 ? 1 : 0)))).toBeGreaterThan(0.9);
  }, 30_000);

  it('classifies multiclass blobs and honours shouldStop', async () => {
    const d = blobs(600, 3, 43);
    const { model } = await trainMlp(sliceRows(d, 0, 450), 'multiclass', 3, { hidden: [16], epochs: 20, learningRate: 0.02, batchSize: 32 });
    const test = sliceRows(d, 450, 600);
    expect(accuracy(test.y, argmaxRows(model.predict(test.X, test.nRows), 3))).toBeGreaterThan(0.9);
    // The stop request is polled before every batch: 600 rows of 64 are 10 batches an epoch.
    let calls = 0;
    const res = await trainMlp(d, 'multiclass', 3, { hidden: [4], epochs: 100 }, { shouldStop: () => ++calls > 25 });
    expect(res.cancelled).toBe(true);
    expect(res.curves.train.length).toBe(2);
  }, 30_000);
});

describe('mlp presets', () => {
  it('builds and trains every table preset through the family, and reloads it', async () => {
    const d = sliceRows(linearRegression(200, 3), 0, 200);
    const presets = PRESET_NAMES.filter((n) => PRESET_INFO[n].inputs.includes('table'));
    expect(presets).toEqual(['mlp', 'residual-mlp']);
    for (const name of presets) {
      const preset = networkPreset(name, { sizes: { hidden: [8], dropout: 0.1 } });
      const arch = JSON.stringify(preset);
      const { model, curves } = await trainMlp(d, 'regression', 0, { arch, epochs: 2, batchSize: 32 });
      expect(curves.train.length, name).toBe(2);
      expect(model.spec.layers.map((l) => l.type), name).toEqual(preset.layers.map((l) => l.type));
      const back = MlpModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(Array.from(back.predict(d.X.subarray(0, 3 * d.nCols), 3)), name).toEqual(Array.from(model.predict(d.X.subarray(0, 3 * d.nCols), 3)));
      model.dispose();
      back.dispose();
    }
  }, 60_000);
});

