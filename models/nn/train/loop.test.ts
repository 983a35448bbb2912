import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { linearRows, smallNetwork, weightBits } from '../../testing/networks';
import type { TrainCheckpoint } from './checkpoint';
import { trainNetwork, type NetworkData, type TrainOptions } from './loop';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(96, 4, 1), valid: linearRows(32, 4, 2) };
const base: TrainOptions = { epochs: 8, batchSize: 16, seed: 3, loss: 'meanSquaredError', learningRate: 0.02 };

/** Mean squared error of the network on a set, computed here rather than by the loop. */
function mse(net: tf.LayersModel, set: { x: Float32Array; y: Float32Array; rows: number }): number {
  const pred = tf.tidy(() => (net.predict(tf.tensor2d(set.x, [set.rows, 4])) as tf.Tensor).dataSync());
  let s = 0;
  for (let i = 0; i < set.rows; i++) s += (pred[i] - set.y[i]) ** 2;
  return s / set.rows;
}

describe('trainNetwork', () => {
  it('reports each epoch once, with falling train and validation losses, and progress up to 1', async () => {
    const net = smallNetwork(4, 16, 1, 0);
    const epochs: number[] = [], metrics: Record<string, number>[] = [], fractions: number[] = [];
    const res = await trainNetwork(net, data, {
      ...base, schedule: { kind: 'oneCycle' },
      onMetrics: (e, m) => { epochs.push(e); metrics.push(m); },
      onProgress: (f) => fractions.push(f),
    });
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res).toMatchObject({ epochsRun: 8, stopped: 'epochs', steps: 8 * 6 });
    expect(metrics.every((m) => Number.isFinite(m.loss) && Number.isFinite(m.val_loss) && m.lr > 0)).toBe(true);
    expect(metrics[7].loss).toBeLessThan(metrics[0].loss);
    expect(metrics[7].val_loss).toBeLessThan(metrics[0].val_loss);
    // The last batch runs at the one-cycle's floor, 0.02/25/1e4.
    expect(metrics[7].lr).toBeCloseTo(8e-8, 12);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(8);
    // The model ends with the best epoch's weights: its validation loss is the lowest on the curve.
    expect(res.bestValLoss).toBe(Math.min(...res.curves.valid));
    expect(mse(net, data.valid!)).toBeCloseTo(res.bestValLoss!, 5);
    net.dispose();
  });

  it('stops early once the validation loss has not improved for `patience` epochs, and restores the best weights', async () => {
    // The validation targets are the training targets negated: fitting one makes the other worse.
    const flipped: NetworkData = { ...data, valid: linearRows(32, 4, 2, true) };
    const net = smallNetwork(4, 16, 1, 0);
    const checkpoints: TrainCheckpoint[] = [];
    const res = await trainNetwork(net, flipped, { ...base, epochs: 30, learningRate: 0.05, earlyStopping: { patience: 3 }, onCheckpoint: (c) => void checkpoints.push(c) });
    expect(res.stopped).toBe('patience');
    expect(res.epochsRun).toBe(res.bestEpoch + 3);
    const best = Math.min(...res.curves.valid);
    expect(res.curves.valid[res.bestEpoch - 1]).toBe(best);
    expect(res.curves.valid.slice(res.bestEpoch).every((v) => v >= best)).toBe(true);
    expect(mse(net, flipped.valid!)).toBeCloseTo(best, 5);
    // Not the last epoch's weights: those were stored in the last checkpoint.
    expect(checkpoints.at(-1)!.best.weights).not.toBeNull();
    expect(checkpoints.map((c) => c.epoch)).toEqual(Array.from({ length: res.epochsRun }, (_, i) => i + 1));
    net.dispose();
  });

  it('counts only improvements larger than minDelta', async () => {
    const net = smallNetwork(4, 16, 1, 0);
    const res = await trainNetwork(net, data, { ...base, earlyStopping: { patience: 2, minDelta: 1e9 } });
    expect(res).toMatchObject({ stopped: 'patience', epochsRun: 3, bestEpoch: 1 });
    expect(mse(net, data.valid!)).toBeCloseTo(res.curves.valid[0], 5);
    net.dispose();
  });

  it('polls shouldStop before every batch and stops mid-epoch', async () => {
    const net = smallNetwork(4, 16, 1, 0);
    let polls = 0;
    const seen: number[] = [];
    const res = await trainNetwork(net, data, { ...base, shouldStop: () => ++polls > 9, onMetrics: (e) => seen.push(e) });
    // 6 batches an epoch: 9 batches ran (one epoch and a half), the 10th poll stopped the run.
    expect(polls).toBe(10);
    expect(res).toMatchObject({ stopped: 'cancelled', epochsRun: 1, steps: 9 });
    expect(seen).toEqual([1]);
    net.dispose();
  });

  it('hands out a plain JSON checkpoint per epoch and leaves no tensors behind', async () => {
    const net = smallNetwork(4, 8, 2);
    const before = tf.memory().numTensors;
    const checkpoints: TrainCheckpoint[] = [];
    await trainNetwork(net, data, { ...base, epochs: 2, clipNorm: 0.5, onCheckpoint: (c) => void checkpoints.push(c) });
    expect(tf.memory().numTensors).toBe(before);
    expect(checkpoints).toHaveLength(2);
    const c = checkpoints[1];
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(c).toMatchObject({ format: 'lathe-nn-checkpoint', version: 1, epoch: 2, optimizer: { step: 12 } });
    expect(c.weights.map((w) => w.shape)).toEqual([[4, 8], [8], [8, 1], [1]]);
    expect(c.optimizer.m).toHaveLength(4);
    net.dispose();
  });

  it('trains rows of any shape with a logits loss (a two-class problem on 2×2 inputs)', async () => {
    const rows = 64, x = new Float32Array(rows * 4), y = new Float32Array(rows * 2);
    const src = linearRows(rows, 4, 9);
    x.set(src.x);
    for (let r = 0; r < rows; r++) y[r * 2 + (src.y[r] > 0 ? 1 : 0)] = 1;
    const net = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2] }), tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    const before = weightBits(net);
    const res = await trainNetwork(net, { xShape: [2, 2], yShape: [2], train: { x, y, rows } }, { ...base, epochs: 5, loss: 'softmaxCrossEntropy', learningRate: 0.1 });
    expect(weightBits(net)).not.toEqual(before);
    expect(res.curves.train[4]).toBeLessThan(res.curves.train[0]);
    expect(res.curves.valid).toEqual([]);
    expect(res.bestEpoch).toBe(5);
    net.dispose();
  });

  it('refuses arrays that do not hold the rows they claim', async () => {
    const net = smallNetwork(4, 8, 2);
    await expect(trainNetwork(net, { ...data, train: { ...data.train, rows: 97 } }, base)).rejects.toThrow(/train: x holds 384 values, expected 97 × 4/);
    net.dispose();
  });
});
