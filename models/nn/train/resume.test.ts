import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../mlp/backend';
import { linearRows, smallNetwork, weightBits } from '../../testing/networks';
import type { TrainCheckpoint } from './checkpoint';
import { trainNetwork, type NetworkData, type TrainOptions } from './loop';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

const data: NetworkData = { xShape: [4], yShape: [1], train: linearRows(80, 4, 1), valid: linearRows(24, 4, 2) };
const base: TrainOptions = {
  epochs: 6, batchSize: 16, seed: 11, loss: 'meanSquaredError', learningRate: 0.01,
  optimizer: { weightDecay: 0.05 }, schedule: { kind: 'cosine', warmupSteps: 4 }, clipNorm: 1,
  earlyStopping: { patience: 10 }, restoreBest: false,
};
/** Through JSON, as a caller that stores it would. */
const stored = (c: TrainCheckpoint): TrainCheckpoint => JSON.parse(JSON.stringify(c));

describe('trainNetwork resume', () => {
  it('6 epochs straight equal 3 epochs, a crash, and 3 more from the checkpoint, bit for bit on cpu', async () => {
    const straight = smallNetwork(4, 8, 3);
    const before = weightBits(straight);
    const full = await trainNetwork(straight, data, base);
    expect(weightBits(straight)).not.toEqual(before);

    const crashed = smallNetwork(4, 8, 3);
    let saved: TrainCheckpoint | null = null;
    await expect(trainNetwork(crashed, data, {
      ...base,
      onCheckpoint: (c) => {
        saved = stored(c);
        if (c.epoch === 3) throw new Error('crash');
      },
    })).rejects.toThrow('crash');
    expect(saved!.epoch).toBe(3);

    // A fresh network with other initial weights: everything must come from the checkpoint.
    const resumed = smallNetwork(4, 8, 99);
    const rest = await trainNetwork(resumed, data, { ...base, resumeFrom: saved! });
    expect(weightBits(resumed)).toEqual(weightBits(straight));
    expect(rest.curves).toEqual(full.curves);
    expect(rest.steps).toBe(full.steps);
    expect(rest.epochsRun).toBe(6);

    // The same checkpoint without its optimizer moments does not reach those weights.
    const zeroed = stored(saved!);
    zeroed.optimizer.m = stored(saved!).optimizer.m.map((a) => ({ ...a, data: Buffer.alloc(Buffer.from(a.data, 'base64').length).toString('base64') }));
    const without = smallNetwork(4, 8, 3);
    await trainNetwork(without, data, { ...base, resumeFrom: zeroed });
    expect(weightBits(without)).not.toEqual(weightBits(straight));
    [straight, crashed, resumed, without].forEach((n) => n.dispose());
  });

  it('a run of 3 epochs, then 3 more from its last checkpoint, equals 6 straight (constant rate)', async () => {
    const options: TrainOptions = { ...base, schedule: { kind: 'constant' }, earlyStopping: undefined };
    const straight = smallNetwork(4, 8, 5);
    await trainNetwork(straight, data, options);
    const first = smallNetwork(4, 8, 5);
    let last: TrainCheckpoint | null = null;
    const a = await trainNetwork(first, data, { ...options, epochs: 3, onCheckpoint: (c) => void (last = stored(c)) });
    expect(a.epochsRun).toBe(3);
    const second = smallNetwork(4, 8, 6);
    await trainNetwork(second, data, { ...options, resumeFrom: last! });
    expect(weightBits(second)).toEqual(weightBits(straight));
    [straight, first, second].forEach((n) => n.dispose());
  });

  it('the same seed gives the same weights; another seed other weights', async () => {
    const options: TrainOptions = { ...base, epochs: 2 };
    const [a, b, c] = [smallNetwork(4, 8, 3), smallNetwork(4, 8, 3), smallNetwork(4, 8, 3)];
    await trainNetwork(a, data, options);
    await trainNetwork(b, data, options);
    await trainNetwork(c, data, { ...options, seed: 12 });
    expect(weightBits(a)).toEqual(weightBits(b));
    expect(weightBits(a)).not.toEqual(weightBits(c));
    [a, b, c].forEach((n) => n.dispose());
  });

  it('refuses a checkpoint of another run, naming the difference', async () => {
    let saved: TrainCheckpoint | null = null;
    const net = smallNetwork(4, 8, 3);
    await trainNetwork(net, data, { ...base, epochs: 1, onCheckpoint: (c) => void (saved = stored(c)) });
    await expect(trainNetwork(smallNetwork(4, 8, 3), data, { ...base, batchSize: 8, resumeFrom: saved! })).rejects.toThrow(/batchSize 16, this run has 8/);
    await expect(trainNetwork(smallNetwork(4, 16, 3), data, { ...base, resumeFrom: saved! })).rejects.toThrow(/another shape/);
    net.dispose();
  });
});
