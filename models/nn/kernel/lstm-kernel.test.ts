import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { mulberry32 } from '../../split/prng';
import { readModelWeights } from '../train/engine';
import { lossFunction, type LossName } from '../train/losses';
import { trainNetwork, type NetworkData } from '../train/loop';
import { LstmKernel, lstmKernelUnavailable } from './lstm-kernel';
import { lstmPlan } from './lstm-plan';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

const OPT = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };

/** LSTM(5, sequences) → LSTM(3) → dense(outputs): widths that are not multiples of 8 exercise the padding. */
function lstmNet(steps: number, channels: number, outputs: number, seed: number, extra: Partial<Parameters<typeof tf.layers.lstm>[0]> = {}): tf.LayersModel {
  const net = tf.sequential();
  const init = (s: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed: seed + s }), recurrentInitializer: tf.initializers.glorotUniform({ seed: seed + s + 1 }) });
  net.add(tf.layers.lstm({ units: 5, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [steps, channels], ...init(0), ...extra }));
  net.add(tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid', ...init(2), biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed }) }));
  net.add(tf.layers.dense({ units: outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 4 }) }));
  return net;
}

/** Sequences of a noisy sine, the targets the next values (and a mask with about a third masked out). */
function sequences(rows: number, steps: number, channels: number, outputs: number, seed: number, masked = false): { x: Float32Array; y: Float32Array; rows: number } {
  const rand = mulberry32(seed), width = masked ? 2 * outputs : outputs;
  const x = new Float32Array(rows * steps * channels), y = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const phase = rand() * 6;
    for (let t = 0; t < steps; t++) for (let c = 0; c < channels; c++) x[(r * steps + t) * channels + c] = Math.sin(phase + 0.5 * t + c) + 0.1 * (rand() - 0.5);
    for (let k = 0; k < outputs; k++) {
      y[r * width + k] = Math.sin(phase + 0.5 * (steps + k));
      if (masked) y[r * width + outputs + k] = rand() < 0.67 ? 1 : 0;
    }
  }
  return { x, y, rows };
}

function maxRelDiff(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let diff = 0, scale = 0;
  a.forEach((w, i) => w.forEach((v, j) => {
    diff = Math.max(diff, Math.abs(v - b[i][j]));
    scale = Math.max(scale, Math.abs(b[i][j]));
  }));
  return diff / scale;
}

/** TF.js's loss and gradients for every trainable weight, in the model's weight order. */
function tfjsGradients(net: tf.LayersModel, set: { x: Float32Array; y: Float32Array; rows: number }, steps: number, channels: number, loss: LossName): { loss: number; grads: Float32Array[] } {
  const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const x = tf.tensor3d(set.x, [set.rows, steps, channels]), y = tf.tensor2d(set.y, [set.rows, set.y.length / set.rows]);
  const { value, grads } = tf.variableGrads(() => lossFunction(loss)(y, net.apply(x) as tf.Tensor), vars);
  const out = { loss: value.dataSync()[0], grads: vars.map((v) => Float32Array.from(grads[v.name].dataSync() as Float32Array)) };
  tf.dispose([x, y, value, ...Object.values(grads)]);
  return out;
}

describe('LSTM WebAssembly kernel', () => {
  it('is available in this Node (WebAssembly SIMD)', () => {
    expect(lstmKernelUnavailable()).toBeNull();
  });

  for (const loss of ['meanSquaredError', 'maskedMeanSquaredError'] as const) {
    it(`computes TF.js's outputs, ${loss} and gradients through time for a two-layer stack`, () => {
      const [steps, channels, outputs, rows] = [7, 2, 3, 10];
      const net = lstmNet(steps, channels, outputs, 3);
      const set = sequences(rows, steps, channels, outputs, 9, loss === 'maskedMeanSquaredError');
      const planned = lstmPlan(net, loss);
      if ('reason' in planned) throw new Error(planned.reason);
      expect(planned.plan).toEqual({ steps, channels, units: [5, 3], outputs, head: loss === 'meanSquaredError' ? 'mse' : 'masked-mse' });
      const kernel = new LstmKernel(planned.plan, 16, OPT);
      kernel.setWeights(readModelWeights(net));
      expect(maxRelDiff(kernel.getWeights(), readModelWeights(net))).toBe(0);

      const expected = tf.tidy(() => Float32Array.from((net.predict(tf.tensor3d(set.x, [rows, steps, channels])) as tf.Tensor).dataSync() as Float32Array));
      expect(maxRelDiff([kernel.predict(set, 0, rows)], [expected])).toBeLessThan(1e-5);

      const want = tfjsGradients(net, set, steps, channels, loss);
      const got = kernel.gradients(set, 0, rows);
      expect(Math.abs(got.loss - want.loss) / want.loss).toBeLessThan(1e-5);
      expect(got.grads).toHaveLength(8);
      for (let i = 0; i < got.grads.length; i++) expect(maxRelDiff([got.grads[i]], [want.grads[i]]), `weight tensor ${i}`).toBeLessThan(1e-4);
      net.dispose();
    });
  }

  it('saturates as TF.js does: inputs large enough to drive every gate to 0 or 1 give the same outputs, no NaN', () => {
    const [steps, channels, outputs, rows] = [6, 2, 1, 8];
    const net = lstmNet(steps, channels, outputs, 11);
    const set = sequences(rows, steps, channels, outputs, 4);
    set.x.forEach((v, i) => (set.x[i] = v * (i % 3 === 0 ? 200 : -60)));
    const planned = lstmPlan(net, 'meanSquaredError');
    if ('reason' in planned) throw new Error(planned.reason);
    const kernel = new LstmKernel(planned.plan, rows, OPT);
    kernel.setWeights(readModelWeights(net));
    const got = kernel.predict(set, 0, rows);
    const expected = tf.tidy(() => Float32Array.from((net.predict(tf.tensor3d(set.x, [rows, steps, channels])) as tf.Tensor).dataSync() as Float32Array));
    expect(got.every(Number.isFinite)).toBe(true);
    expect(maxRelDiff([got], [expected])).toBeLessThan(1e-5);
    net.dispose();
  });

  it('trains as TF.js does through the shared loop (AdamW, clipping, validation) and records the engine', async () => {
    const [steps, channels, outputs] = [9, 1, 2];
    const data: NetworkData = { xShape: [steps, channels], yShape: [outputs], train: sequences(150, steps, channels, outputs, 1), valid: sequences(40, steps, channels, outputs, 2) };
    const o = { epochs: 5, batchSize: 32, seed: 4, loss: 'meanSquaredError' as const, learningRate: 0.03, clipNorm: 1 };
    const [a, b] = [lstmNet(steps, channels, outputs, 7), lstmNet(steps, channels, outputs, 7)];
    const onKernel = await trainNetwork(a, data, o);
    const onTfjs = await trainNetwork(b, data, { ...o, engine: 'tfjs' });
    expect(onKernel.device).toBe('wasm-kernel');
    expect(onKernel.kernelSkipped).toBeUndefined();
    expect(onTfjs.device).toBe('cpu');
    // The loss falls, and both paths follow the same curve to float32 rounding, compounded over 25 steps.
    expect(onKernel.curves.train[4]).toBeLessThan(onKernel.curves.train[0] * 0.8);
    onKernel.curves.valid.forEach((v, i) => expect(Math.abs(v - onTfjs.curves.valid[i]) / onTfjs.curves.valid[i]).toBeLessThan(1e-3));
    expect(maxRelDiff(readModelWeights(a), readModelWeights(b))).toBeLessThan(1e-3);
    a.dispose();
    b.dispose();
  });

  it('leaves networks it does not cover to TF.js and says why', async () => {
    const [steps, channels] = [5, 1];
    const data: NetworkData = { xShape: [steps, channels], yShape: [1], train: sequences(20, steps, channels, 1, 3) };
    const cases: [tf.LayersModel, LossName, string][] = [
      [lstmNet(steps, channels, 1, 1, { dropout: 0.2 }), 'meanSquaredError', 'an LSTM layer with dropout'],
      [lstmNet(steps, channels, 1, 1, { recurrentActivation: 'hardSigmoid' }), 'meanSquaredError', 'an LSTM layer with hardSigmoid gates'],
      [lstmNet(steps, channels, 1, 1), 'binaryCrossentropy', 'a linear head with binaryCrossentropy after an LSTM layer'],
    ];
    for (const [net, loss, reason] of cases) {
      const res = await trainNetwork(net, data, { epochs: 1, batchSize: 8, seed: 1, loss, learningRate: 0.01 });
      expect(res.device).toBe('cpu');
      expect(res.kernelSkipped).toBe(reason);
      net.dispose();
    }
  });
});
