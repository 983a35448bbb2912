import { beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from './index';
import { makeFrame, numericColumn } from '../frame/frame';
import { mulberry32 } from '../split/prng';
import { selectBackend } from '../mlp/backend';
import { FitSequence } from '../nn/train/checkpoint';
import { expectKfoldResumeEqualsStraight, stored } from '../../tests/helpers/kfold-resume-fits';
import type { TrainSpec } from './types';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** y = 2a − b + noise. */
function frame() {
  const rand = mulberry32(3);
  const a: number[] = [], b: number[] = [], y: number[] = [];
  for (let i = 0; i < 120; i++) {
    a.push(rand() * 2 - 1);
    b.push(rand() * 2 - 1);
    y.push(2 * a[i] - b[i] + 0.1 * (rand() - 0.5));
  }
  return makeFrame([numericColumn('a', a), numericColumn('b', b), numericColumn('y', y)]);
}

const spec: TrainSpec = { target: 'y', family: 'mlp', split: { kind: 'kfold', k: 3, seed: 4 }, params: { hidden: [8], epochs: 4, batchSize: 16, learningRate: 0.01 }, seed: 4 };

async function train(fits: FitSequence) {
  const steps: number[] = [];
  const r = await trainModel(frame(), spec, { fits, onMetrics: (step) => void steps.push(step) });
  return { r, steps };
}

describe('k-fold mlp resume', () => {
  it('3 folds and the final fit straight equal a crash in the second fold and a resume from the run checkpoint, bit for bit on cpu', async () => {
    const { straight, saved } = await expectKfoldResumeEqualsStraight(train);

    // The first fold's weights come from the checkpoint: another fold's state there gives other out-of-fold predictions.
    const swapped = stored(saved!);
    swapped.fits[0] = { ...swapped.fits[1], epoch: swapped.fits[0].epoch, rng: swapped.fits[0].rng, best: swapped.fits[0].best, curves: swapped.fits[0].curves, optimizer: swapped.fits[0].optimizer };
    const other = await train(new FitSequence(swapped, () => undefined));
    expect(other.r.foldMetrics![0]).not.toEqual(straight.r.foldMetrics![0]);
  });
});
