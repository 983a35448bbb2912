/** Two forecast runs compared on their shared (series, origin, step) points: bootstrap and Diebold–Mariano. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { ArgsOf } from '../../../shared/api/contract';

let fx: ReturnType<typeof coreFixture>;
const airline = fs.readFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), 'utf8');

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'air.csv');
  fs.writeFileSync(file, airline);
  await importFile(fx.core, { path: file, name: 'air' });
});
afterAll(() => fx.close());

async function forecast(args: Partial<ArgsOf<'forecast.start'>>): Promise<string> {
  const { runId, jobId } = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, windows: 24, ...args });
  await fx.core.jobResult('forecast.train', jobId);
  return runId;
}

describe('comparing forecast runs', () => {
  it('pairs the backtest points and tests equal accuracy with Diebold–Mariano', async () => {
    const naive = await forecast({ model: 'naive' });
    const ets = await forecast({ model: 'ets' });
    const r = await fx.core.call('runs.compare', { a: naive, b: ets });
    expect(r.metric).toBe('mae');
    // 24 origins × 6 steps, every one with an actual value.
    expect(r.rows).toBe(144);
    // Neighbouring origins forecast the same months: the bootstrap draws the 29 months (24 origins + 5), not 144 points.
    expect(r.difference.clusters).toBe(29);
    expect(r.verdict).toBe('b-better');
    expect(r.dieboldMariano).toMatchObject({ origins: 24, horizon: 6, loss: 'absolute', df: 23 });
    expect(r.dieboldMariano!.meanDiff).toBeGreaterThan(0);
    expect(r.dieboldMariano!.pValue).toBeLessThan(0.05);
  });

  it("on MAPE, reads the runs' stored MAPE and Diebold–Mariano's mean difference in one unit, a fraction", async () => {
    const naive = await forecast({ model: 'naive' });
    const ets = await forecast({ model: 'ets' });
    const r = await fx.core.call('runs.compare', { a: naive, b: ets, metric: 'mape' });
    const stored = (await fx.core.call('runs.get', { id: naive, maxPoints: 0 })).metrics!.mape;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(1);
    expect(r.valueA).toBeCloseTo(stored, 12);
    // Every origin scores 6 points, so the mean of the per-origin differences is the difference of the pooled MAPEs.
    expect(r.dieboldMariano!.meanDiff).toBeCloseTo(r.valueA - r.valueB, 12);
  });

  it('refuses runs that forecast different horizons before any job starts', async () => {
    const a = await forecast({ model: 'naive' });
    const b = await forecast({ model: 'naive', horizon: 3 });
    await expect(fx.core.call('runs.compare', { a, b })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('different horizons (6 and 3 steps)') });
  });

  it('refuses a forecast against a tabular run', async () => {
    const a = await forecast({ model: 'naive' });
    const tab = await fx.core.call('runs.start', { dataset: 'air', target: 'Passengers', family: 'linear' });
    await fx.core.jobResult('runs.train', tab.jobId);
    await expect(fx.core.call('runs.compare', { a, b: tab.runId })).rejects.toMatchObject({ code: 'conflict' });
  });
});
