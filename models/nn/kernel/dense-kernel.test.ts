import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { linearRows, smallNetwork, weightBits } from '../../testing/networks';
import { trainNetwork, type NetworkData, type TrainOptions } from '../train/loop';
import type { TrainCheckpoint } from '../train/checkpoint';
import { kernelUnavailable } from './dense-kernel';
import { buildNetwork } from '../build';
import { mulberry32 } from '../../split/prng';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** Dense(h1, relu) → dense(h2, linear or relu) → head; widths that are not multiples of 8 exercise the padding. */
function denseNet(features: number, head: { units: number; activation: string }, seed: number, h2Activation = 'relu'): tf.LayersModel {
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: 13, activation: 'relu', inputShape: [features], kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  net.add(tf.layers.dense({ units: 10, activation: h2Activation as 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  net.add(tf.layers.dense({ units: head.units, activation: head.activation as 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return net;
}

/** Rows whose classes follow the sign of a linear score (binary) or its band (3 classes, one-hot). */
function classRows(rows: number, features: number, classes: number, seed: number): { x: Float32Array; y: Float32Array; rows: number } {
  const base = linearRows(rows, features, seed);
  const y = new Float32Array(rows * (classes === 2 ? 1 : classes));
  for (let r = 0; r < rows; r++) {
    const s = base.y[r];
    if (classes === 2) y[r] = s > 0 ? 1 : 0;
    else y[r * classes + (s < -1.5 ? 0 : s < 1.5 ? 1 : 2)] = 1;
  }
  return { x: base.x, y, rows };
}

const weightsOf = (net: tf.LayersModel) => net.getWeights().map((w) => Array.from(w.dataSync()));

function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((w, i) => w.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

/** The same training on the kernel and on TF.js ('cpu'): losses and weights agree to float32 rounding. */
async function compare(make: () => tf.LayersModel, data: NetworkData, o: TrainOptions) {
  const a = make(), b = make();
  const onKernel = await trainNetwork(a, data, o);
  const onTfjs = await trainNetwork(b, data, { ...o, engine: 'tfjs' });
  return { onKernel, onTfjs, weightDiff: maxDiff(weightsOf(a), weightsOf(b)) };
}

describe('dense WebAssembly kernel', () => {
  it('is available in this Node (WebAssembly SIMD)', () => {
    expect(kernelUnavailable()).toBeNull();
  });

  it('trains a regression network as TF.js does: AdamW with decay, a cosine schedule, clipping and validation', async () => {
    const data: NetworkData = { xShape: [6], yShape: [1], train: linearRows(203, 6, 1), valid: linearRows(50, 6, 2) };
    const { onKernel, onTfjs, weightDiff } = await compare(() => denseNet(6, { units: 1, activation: 'linear' }, 4), data, {
      epochs: 6, batchSize: 32, seed: 5, loss: 'meanSquaredError', learningRate: 0.01, optimizer: { weightDecay: 0.05 },
      schedule: { kind: 'cosine', warmupSteps: 3 }, clipNorm: 2,
    });
    expect(onKernel.device).toBe('wasm-kernel');
    expect(onTfjs.device).toBe('cpu');
    expect(onKernel.steps).toBe(onTfjs.steps);
    onKernel.curves.train.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.train[i], 4));
    onKernel.curves.valid.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.valid[i], 4));
    expect(onKernel.curves.train.at(-1)!).toBeLessThan(onKernel.curves.train[0]);
    expect(weightDiff).toBeLessThan(1e-4);
  });

  it.each([
    ['binary, sigmoid head', 2, { units: 1, activation: 'sigmoid' }, 'binaryCrossentropy'],
    ['binary, logits', 2, { units: 1, activation: 'linear' }, 'sigmoidCrossEntropy'],
    ['3 classes, softmax head', 3, { units: 3, activation: 'softmax' }, 'categoricalCrossentropy'],
    ['3 classes, logits', 3, { units: 3, activation: 'linear' }, 'softmaxCrossEntropy'],
  ] as const)('trains %s as TF.js does', async (_name, classes, head, loss) => {
    const set = classRows(150, 5, classes, 8);
    const yShape = [classes === 2 ? 1 : classes];
    const data: NetworkData = { xShape: [5], yShape, train: set };
    const { onKernel, onTfjs, weightDiff } = await compare(() => denseNet(5, head, 9, 'linear'), data, { epochs: 4, batchSize: 16, seed: 2, loss, learningRate: 0.02 });
    expect(onKernel.device).toBe('wasm-kernel');
    onKernel.curves.train.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.train[i], 4));
    expect(weightDiff).toBeLessThan(1e-4);
  });

  it('trains an embedding bag over token ids (padding, an all-padding row) then dense layers as TF.js does', async () => {
    const rand = mulberry32(21), rows = 120, length = 6, vocabulary = 50;
    const x = new Float32Array(rows * length), y = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      const used = r === 7 ? 0 : 1 + Math.floor(rand() * length);
      let score = 0;
      for (let t = 0; t < used; t++) score += (x[r * length + t] = 1 + Math.floor(rand() * (vocabulary - 1))) < 25 ? 1 : -1;
      y[r * 2 + (score > 0 ? 1 : 0)] = 1;
    }
    const spec = { input: { kind: 'tokens', vocabulary, length }, layers: [{ type: 'embeddingBag', inputDim: vocabulary, outputDim: 5 }, { type: 'dense', units: 7, activation: 'relu' }, { type: 'output', units: 2 }] };
    const data: NetworkData = { xShape: [length], yShape: [2], train: { x, y, rows } };
    const { onKernel, onTfjs, weightDiff } = await compare(() => buildNetwork(spec, { seed: 3 }), data, { epochs: 5, batchSize: 16, seed: 4, loss: 'softmaxCrossEntropy', learningRate: 0.05, optimizer: { weightDecay: 0.02 } });
    expect(onKernel.device).toBe('wasm-kernel');
    onKernel.curves.train.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.train[i], 4));
    expect(onKernel.curves.train.at(-1)!).toBeLessThan(onKernel.curves.train[0]);
    expect(weightDiff).toBeLessThan(1e-4);
  });

  it('is deterministic: the same seed gives the same weights bit for bit, another seed other weights', async () => {
    const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(90, 4, 3) };
    const o: TrainOptions = { epochs: 3, batchSize: 16, seed: 1, loss: 'meanSquaredError', learningRate: 0.01 };
    const [a, b, c] = [denseNet(4, { units: 1, activation: 'linear' }, 1), denseNet(4, { units: 1, activation: 'linear' }, 1), denseNet(4, { units: 1, activation: 'linear' }, 1)];
    await trainNetwork(a, data, o);
    await trainNetwork(b, data, o);
    await trainNetwork(c, data, { ...o, seed: 2 });
    expect(weightBits(a)).toEqual(weightBits(b));
    expect(weightBits(a)).not.toEqual(weightBits(c));
  });

  it('resumes from a checkpoint bit for bit', async () => {
    const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(80, 4, 1), valid: linearRows(24, 4, 2) };
    const o: TrainOptions = { epochs: 4, batchSize: 16, seed: 11, loss: 'meanSquaredError', learningRate: 0.01, clipNorm: 1, restoreBest: false };
    const straight = denseNet(4, { units: 1, activation: 'linear' }, 3);
    await trainNetwork(straight, data, o);
    let saved: TrainCheckpoint | undefined;
    const first = denseNet(4, { units: 1, activation: 'linear' }, 3);
    await trainNetwork(first, data, { ...o, epochs: 2, onCheckpoint: (c) => void (saved = JSON.parse(JSON.stringify(c))) });
    const resumed = denseNet(4, { units: 1, activation: 'linear' }, 99);
    const res = await trainNetwork(resumed, data, { ...o, resumeFrom: saved! });
    expect(res).toMatchObject({ device: 'wasm-kernel', epochsRun: 4 });
    expect(weightBits(resumed)).toEqual(weightBits(straight));
  });

  it('drops the units TF.js drops: a seeded dropout after each hidden layer, and an unseeded one that still learns', async () => {
    const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(100, 4, 1), valid: linearRows(30, 4, 2) };
    const o: TrainOptions = { epochs: 5, batchSize: 16, seed: 7, loss: 'meanSquaredError', learningRate: 0.02 };
    const { onKernel, onTfjs, weightDiff } = await compare(() => smallNetwork(4, 16, 1, 0.3), data, o);
    expect(onKernel.device).toBe('wasm-kernel');
    onKernel.curves.train.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.train[i], 4));
    onKernel.curves.valid.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.valid[i], 4));
    expect(weightDiff).toBeLessThan(1e-4);
    const unseeded = tf.sequential();
    unseeded.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
    unseeded.add(tf.layers.dropout({ rate: 0.3 }));
    unseeded.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    const res = await trainNetwork(unseeded, data, { ...o, epochs: 10 });
    expect(res.device).toBe('wasm-kernel');
    expect(res.curves.valid.at(-1)!).toBeLessThan(res.curves.valid[0]);
  });

  it('adds an L2 kernel penalty as TF.js does (to the minimised objective, not the reported loss)', async () => {
    const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(90, 4, 5), valid: linearRows(30, 4, 6) };
    const make = (penalised: boolean) => () => {
      const reg = (l2: number) => (penalised ? { kernelRegularizer: tf.regularizers.l2({ l2 }) } : {});
      const net = tf.sequential();
      net.add(tf.layers.dense({ units: 12, activation: 'relu', inputShape: [4], ...reg(0.05), kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
      net.add(tf.layers.dense({ units: 1, ...reg(0.02), kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
      return net;
    };
    const o: TrainOptions = { epochs: 5, batchSize: 16, seed: 3, loss: 'meanSquaredError', learningRate: 0.02, clipNorm: 3 };
    const { onKernel, onTfjs, weightDiff } = await compare(make(true), data, o);
    expect(onKernel.device).toBe('wasm-kernel');
    onKernel.curves.train.forEach((l, i) => expect(l).toBeCloseTo(onTfjs.curves.train[i], 4));
    expect(weightDiff).toBeLessThan(1e-4);
    // The penalty is really applied: without it the same training ends elsewhere.
    const [withIt, without] = [make(true)(), make(false)()];
    await trainNetwork(withIt, data, o);
    await trainNetwork(without, data, o);
    expect(maxDiff(weightsOf(withIt), weightsOf(without))).toBeGreaterThan(1e-3);
  });

  it('leaves networks it does not cover to TF.js, saying why', async () => {
    const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(40, 4, 1) };
    const o: TrainOptions = { epochs: 1, batchSize: 16, seed: 1, loss: 'meanSquaredError', learningRate: 0.01 };
    const tanh = denseNet(4, { units: 1, activation: 'linear' }, 1, 'tanh');
    expect(await trainNetwork(tanh, data, o)).toMatchObject({ device: 'cpu', kernelSkipped: 'a tanh activation' });
    const normed = tf.sequential();
    normed.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
    normed.add(tf.layers.batchNormalization());
    normed.add(tf.layers.dense({ units: 1 }));
    expect((await trainNetwork(normed, data, o)).kernelSkipped).toBe('a BatchNormalization layer');
    const first = tf.sequential();
    first.add(tf.layers.dropout({ rate: 0.2, inputShape: [4] }));
    first.add(tf.layers.dense({ units: 1 }));
    expect((await trainNetwork(first, data, o)).kernelSkipped).toBe('a dropout layer that does not follow a hidden dense layer');
  });
});
