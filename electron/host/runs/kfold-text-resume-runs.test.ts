/**
 * Resume for k-fold textnet runs through the host: a run cancelled in its second fold, resumed with
 * runs.resume, ends as the same run trained straight through.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { expectKfoldResumeLikeStraight } from '../../../tests/helpers/kfold-resume';
import { mulberry32 } from '../../../models/split/prng';

let fx: ReturnType<typeof coreFixture>;

const POSITIVE = ['great', 'good', 'loved', 'tasty', 'friendly', 'fresh', 'quick'];
const NEGATIVE = ['awful', 'bad', 'rude', 'cold', 'slow', 'stale', 'dirty'];
const NEUTRAL = ['food', 'staff', 'place', 'service', 'table', 'menu'];

/** 800 eight-word reviews (a text column) leaning to their label's words. */
function csv(): string {
  const rand = mulberry32(5);
  const pick = (words: string[]) => words[Math.floor(rand() * words.length)];
  const lines = ['review,label'];
  for (let i = 0; i < 800; i++) {
    const pos = rand() < 0.5;
    const own = pos ? POSITIVE : NEGATIVE, other = pos ? NEGATIVE : POSITIVE;
    const words = Array.from({ length: 8 }, () => pick(rand() < 0.5 ? own : rand() < 0.6 ? NEUTRAL : other));
    lines.push(`${words.join(' ')},${pos ? 'pos' : 'neg'}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'reviews', csv());
});
afterAll(() => fx.close());

describe('k-fold textnet resume', () => {
  it('a k-fold textnet run cancelled in its second fold resumes to the model, curves and metrics of an uninterrupted one', async () => {
    // Batches of 4: epochs long enough for the cancel to land before the final fit.
    await expectKfoldResumeLikeStraight(fx, {
      dataset: 'reviews', target: 'label', family: 'textnet', split: { kind: 'kfold', k: 2 },
      params: { maxEpochs: 5, patience: 100, batchSize: 4, embeddingDim: 16, hidden: 8, wordNgrams: 2 },
    });
  }, 300_000);
});
