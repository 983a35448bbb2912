import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../mlp/backend';
import { gaussian, mulberry32 } from '../../split/prng';
import { initialWeights, type NetworkShape } from './network';
import { trainNetwork } from './train';
import type { WindowSet } from './windows';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** Windows of a noisy seasonal series with sin/cos channels, the next `outputs` values as targets, the last targets of some windows masked out. */
function windowSet(count: number, steps: number, outputs: number, seed: number): WindowSet {
  const rand = mulberry32(seed), channels = 3;
  const set: WindowSet = { x: new Float32Array(count * steps * channels), y: new Float32Array(count * outputs), mask: new Float32Array(count * outputs), count };
  const value = (t: number) => Math.sin((2 * Math.PI * t) / 12) + 0.3 * Math.sin((2 * Math.PI * t) / 5) + 0.1 * gaussian(rand);
  for (let r = 0; r < count; r++) {
    const start = Math.floor(rand() * 500);
    for (let s = 0; s < steps; s++) {
      const o = (r * steps + s) * channels, t = start + s;
      set.x.set([value(t), Math.sin((2 * Math.PI * t) / 12), Math.cos((2 * Math.PI * t) / 12)], o);
    }
    for (let k = 0; k < outputs; k++) {
      set.y[r * outputs + k] = value(start + steps + k);
      set.mask[r * outputs + k] = r % 4 === 0 && k === outputs - 1 ? 0 : 1;
    }
  }
  return set;
}

describe('LSTM forecaster on the WebAssembly kernel', () => {
  it('trains on the kernel where TF.js would and reaches the same validation loss from the same seed', async () => {
    const shape: NetworkShape = { steps: 12, channels: 3, units: [16, 8], outputs: 3 };
    const init = initialWeights(shape, 5);
    const train = windowSet(400, shape.steps, shape.outputs, 1), valid = windowSet(100, shape.steps, shape.outputs, 2);
    const settings = { epochs: 8, patience: 0, learningRate: 0.01, batchSize: 32, seed: 3 };
    const onKernel = await trainNetwork(shape, init, train, valid, settings);
    const onTfjs = await trainNetwork(shape, init, train, valid, { ...settings, engine: 'tfjs' });
    expect(onKernel.device).toBe('wasm-kernel');
    expect(onTfjs.device).toBe('cpu');
    // Both learn (the masked error of an untrained network is about the series' variance, ≈ 0.55)…
    expect(onKernel.bestValLoss).toBeLessThan(0.2);
    // …and agree: the same arithmetic up to float32 rounding, compounded over 100 steps.
    expect(Math.abs(onKernel.bestValLoss - onTfjs.bestValLoss) / onTfjs.bestValLoss).toBeLessThan(1e-4);
    expect(onKernel.bestEpoch).toBe(onTfjs.bestEpoch);
  }, 60_000);
});
