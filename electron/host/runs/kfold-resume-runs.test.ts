/**
 * Resume for k-fold mlp runs through the host: a run cancelled in its second fold, resumed with
 * runs.resume, ends as the same run trained straight through.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { expectKfoldResumeLikeStraight } from '../../../tests/helpers/kfold-resume';
import { mulberry32 } from '../../../models/split/prng';

let fx: ReturnType<typeof coreFixture>;

/** 600 rows: y = 2a − b + a·c + noise. */
function csv(): string {
  const rand = mulberry32(5);
  const lines = ['a,b,c,y'];
  for (let i = 0; i < 600; i++) {
    const a = rand() * 4 - 2, b = rand() * 4 - 2, c = rand() * 2;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(2 * a - b + a * c + 0.1 * (rand() - 0.5)).toFixed(4)}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'rows', csv());
});
afterAll(() => fx.close());

describe('k-fold mlp resume', () => {
  it('a k-fold mlp run cancelled in its second fold resumes to the model, curves and metrics of an uninterrupted one', async () => {
    // Batches of 4: epochs long enough for the cancel to land before the final fit.
    await expectKfoldResumeLikeStraight(fx, { dataset: 'rows', target: 'y', family: 'mlp', split: { kind: 'kfold', k: 2 }, params: { epochs: 5, batchSize: 4, learningRate: 0.01 } });
  }, 300_000);
});
