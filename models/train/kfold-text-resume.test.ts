import { describe, expect, it } from 'vitest';
import { trainTextRun } from './trainText';
import { makeFrame, stringColumn } from '../frame/frame';
import { mulberry32 } from '../split/prng';
import { FitSequence } from '../nn/train/checkpoint';
import { expectKfoldResumeEqualsStraight, stored } from '../../tests/helpers/kfold-resume-fits';
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

async function train(fits: FitSequence) {
  const steps: number[] = [];
  const r = await trainTextRun(frame(), spec, { fits, onMetrics: (step) => void steps.push(step) });
  return { r, steps };
}

describe('k-fold textnet resume', () => {
  it('3 folds and the final fit straight equal a crash in the second fold and a resume from the run checkpoint', async () => {
    const { straight, saved } = await expectKfoldResumeEqualsStraight(train);

    // The first fold's network comes from the checkpoint: the second fold's weights there give other out-of-fold predictions.
    const swapped = stored(saved!);
    expect(swapped.fits[1].fingerprint).toEqual(swapped.fits[0].fingerprint);
    swapped.fits[0] = { ...swapped.fits[0], weights: swapped.fits[1].weights, best: { ...swapped.fits[0].best, weights: swapped.fits[1].weights } };
    const other = await train(new FitSequence(swapped, () => undefined));
    expect(other.r.foldMetrics![0]).not.toEqual(straight.r.foldMetrics![0]);
    expect(other.r.foldMetrics!.slice(1)).toEqual(straight.r.foldMetrics!.slice(1));
  }, 120_000);
});
