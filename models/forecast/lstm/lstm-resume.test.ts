import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../split/prng';
import { makeTimeline } from '../timeline';
import { FitSequence, type RunCheckpoint } from '../../nn/train/checkpoint';
import { fitLstm } from './family';

/** Sine (period 12) + trend + Gaussian noise. */
function seasonal(n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => 50 + 0.1 * i + 8 * Math.sin((2 * Math.PI * i) / 12) + gaussian(rand));
}

const timeline = makeTimeline({ frequency: 'monthly', start: Date.UTC(2000, 0, 1) });
const y = seasonal(96, 4);
const params = { units: [4], epochs: 6, patience: 0, batchSize: 8, window: 12, learningRate: 0.02 };

/** A run's two network fits, as a backtest origin then the final fit make them: on a shorter prefix, then on every value. */
async function run(fits?: FitSequence, onMetrics?: (fit: number, epoch: number) => void) {
  const out = [];
  for (const [k, n] of [72, 96].entries()) {
    const m = await fitLstm([{ y: y.subarray(0, n), timeline }], { horizon: 6, seed: 3, params, networkFits: fits, onMetrics: (epoch) => onMetrics?.(k, epoch) }, ['cpu']);
    out.push(m.toJSON());
  }
  return out;
}

describe('lstm forecast resume', () => {
  it('a run stopped in its second fit resumes from the run checkpoint: the finished fit trains nothing, the other goes on, both end as uninterrupted', async () => {
    const straight = await run();
    let saved: RunCheckpoint | null = null;
    const crashing = new FitSequence(null, (c) => {
      saved = JSON.parse(JSON.stringify(c)) as RunCheckpoint;
      if (c.fits.length === 2 && c.epoch === 2) throw new Error('crash');
    });
    await expect(run(crashing)).rejects.toThrow('crash');
    expect(saved!.fits.map((f) => f.epoch)).toEqual([6, 2]);
    expect(saved!.epoch).toBe(2);

    const epochs: string[] = [];
    const resumed = await run(new FitSequence(saved, () => undefined), (fit, epoch) => epochs.push(`${fit}:${epoch}`));
    expect(epochs).toEqual(['1:3', '1:4', '1:5', '1:6']);
    expect(resumed.map((m) => m.weights)).toEqual(straight.map((m) => m.weights));
    expect(resumed.map((m) => m.residuals)).toEqual(straight.map((m) => m.residuals));
    expect(resumed.map((m) => m.training)).toEqual(straight.map((m) => m.training));
  }, 120_000);

  it('refuses a checkpoint of other settings, naming the difference', async () => {
    let saved: RunCheckpoint | null = null;
    await fitLstm([{ y, timeline }], { horizon: 6, seed: 3, params: { ...params, epochs: 1 }, networkFits: new FitSequence(null, (c) => void (saved = c)) }, ['cpu']);
    await expect(fitLstm([{ y, timeline }], { horizon: 6, seed: 3, params: { ...params, batchSize: 16 }, networkFits: new FitSequence(saved, () => undefined) }, ['cpu']))
      .rejects.toThrow(/batchSize 8, this run has 16/);
    expect(() => new FitSequence({ format: 'lathe-nn-checkpoint' } as unknown as RunCheckpoint, () => undefined)).toThrow(/not a Lathe run checkpoint/);
  }, 60_000);
});
