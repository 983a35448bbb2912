/**
 * The k-fold resume check every network family shares: 3 folds and the final fit (4 epochs each) trained
 * straight, then again with a crash in the second fold's second epoch, then resumed from the run
 * checkpoint the crash left; the resumed run must equal the straight one and go on from the stored epochs.
 */
import { expect } from 'vitest';
import { FitSequence, type RunCheckpoint } from '../../models/nn/train/checkpoint';

/** Through JSON, as the run's database stores it. */
export const stored = (c: RunCheckpoint): RunCheckpoint => JSON.parse(JSON.stringify(c));

interface Trained {
  r: { artifact: unknown; metrics: unknown; foldMetrics?: unknown; predictions: unknown; curves: { train: number[] } };
  steps: number[];
}

export async function expectKfoldResumeEqualsStraight<T extends Trained>(train: (fits: FitSequence) => Promise<T>): Promise<{ straight: T; resumed: T; saved: RunCheckpoint }> {
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
  return { straight, resumed, saved: saved! };
}
