import { describe, expect, it } from 'vitest';
import { trainTextRun } from './trainText';
import { makeFrame, stringColumn } from '../frame/frame';
import { mulberry32 } from '../split/prng';
import { FitSequence, type RunCheckpoint } from '../nn/train/checkpoint';
import type { RunSpec } from './types';

const POSITIVE = ['great', 'good', 'love', 'tasty', 'friendly'];
const NEGATIVE = ['awful', 'bad', 'rude', 'cold', 'slow'];
const NEUTRAL = ['food', 'staff', 'place', 'service'];

/** 60 five-word texts from 14 words, each text leaning to its label's words: every fold sees the whole vocabulary. */
function frame() {
  const rand = mulberry32(7);
  const pick = (words: string[]) => words[Math.floor(rand() * words.length)];
  const texts: string[] = [], labels: string[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 2 ? 'pos' : 'neg';
    const own = label === 'pos' ? POSITIVE : NEGATIVE, other = label === 'pos' ? NEGATIVE : POSITIVE;
    texts.push(Array.from({ length: 5 }, () => pick(rand() < 0.5 ? own : rand() < 0.6 ? NEUTRAL : other)).join(' '));
    labels.push(label);
  }
  return makeFrame([stringColumn('text', texts, 'text'), stringColumn('label', labels)]);
}

const spec: RunSpec & { family: 'textnet' } = {
  target: 'label', family: 'textnet', split: { kind: 'kfold', k: 3, seed: 4 }, seed: 4,
  params: { maxEpochs: 4, patience: 100, batchSize: 8, embeddingDim: 8, hidden: 6, learningRate: 0.03, wordNgrams: 1, validationShare: 0.25 },
};
/** Through JSON, as the run's database stores it. */
const stored = (c: RunCheckpoint): RunCheckpoint => JSON.parse(JSON.stringify(c));

async function train(fits: FitSequence) {
  const steps: number[] = [];
  const r = await trainTextRun(frame(), spec, { fits, onMetrics: (step) => void steps.push(step) });
  return { r, steps };
}

describe('k-fold textnet resume', () => {
  it('3 folds and the final fit straight equal a crash in the second fold and a resume from the run checkpoint', async () => {
    const straight = await train(new FitSequence(null, () => undefined));
    // Three folds and the final fit, 4 epochs each.
    expect(straight.steps).toEqual(Array.from({ length: 16 }, (_, i) => i));

    let saved: RunCheckpoint | null = null;
    await expect(train(new FitSequence(null, (c) => {
      saved = stored(c);
      // The second fold's second epoch.
      if (c.fits.length === 2 && c.epoch === 2) throw new Error('crash');
    }))).rejects.toThrow('crash');
    expect(saved!.fits.map((f) => f.epoch)).toEqual([4, 2]);

    const resumed = await train(new FitSequence(saved!, () => undefined));
    // The curve goes on after the 6 epochs stored: the second fold's third epoch onwards.
    expect(resumed.steps).toEqual(straight.steps.slice(6));
    expect(resumed.r.artifact).toEqual(straight.r.artifact);
    expect(resumed.r.metrics).toEqual(straight.r.metrics);
    expect(resumed.r.foldMetrics).toEqual(straight.r.foldMetrics);
    expect(resumed.r.predictions).toEqual(straight.r.predictions);
    // The first fold's curve (the run's) comes back from its checkpoint, all 4 epochs of it.
    expect(resumed.r.curves.train).toHaveLength(4);
    expect(resumed.r.curves).toEqual(straight.r.curves);

    // The first fold's network comes from the checkpoint: the second fold's weights there give other out-of-fold predictions.
    const swapped = stored(saved!);
    expect(swapped.fits[1].fingerprint).toEqual(swapped.fits[0].fingerprint);
    swapped.fits[0] = { ...swapped.fits[0], weights: swapped.fits[1].weights, best: { ...swapped.fits[0].best, weights: swapped.fits[1].weights } };
    const other = await train(new FitSequence(swapped, () => undefined));
    expect(other.r.foldMetrics![0]).not.toEqual(straight.r.foldMetrics![0]);
    expect(other.r.foldMetrics!.slice(1)).toEqual(straight.r.foldMetrics!.slice(1));
  }, 120_000);
});
