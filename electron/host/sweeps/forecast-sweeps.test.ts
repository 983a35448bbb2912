/** Sweeps over a forecasting model's parameters: trials are forecast runs, the best by MASE is kept. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'air.csv');
  fs.copyFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), file);
  await importFile(fx.core, { path: file, name: 'air' });
});
afterAll(() => fx.close());

const base = { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, windows: 6 } as const;

describe('forecast sweeps', () => {
  it('grid over ETS trend types: every point a forecast run, the lowest MASE marked best', async () => {
    const { sweepId } = await fx.core.call('sweeps.startForecast', { ...base, model: 'ets', method: 'grid', trials: 3, space: ['trend=N|A|Ad'], parallel: 1 });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.status).toBe('succeeded');
    expect(s.metric).toBe('mase');
    expect(s.results.map((r) => r.params.trend).sort()).toEqual(['A', 'Ad', 'N']);
    for (const r of s.results) {
      expect(r.status).toBe('succeeded');
      const run = await fx.core.call('runs.get', { id: r.runId });
      expect(run.task).toBe('forecast');
      expect(r.value).toBe(run.metrics!.mase);
    }
    const best = s.results.reduce((a, b) => (b.value! < a.value! ? b : a));
    expect(s.bestRunId).toBe(best.runId);
  });

  it('refuses a parameter the model does not have, naming what it has', async () => {
    await expect(
      fx.core.call('sweeps.startForecast', { ...base, model: 'theta', space: ['trees=1..10'] }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { field: 'space' }, message: expect.stringContaining("theta has no parameter 'trees' (it has: theta)") });
  });

  it('refuses a bad column before any trial starts', async () => {
    const before = (await fx.core.call('runs.list', {})).length;
    await expect(fx.core.call('sweeps.startForecast', { ...base, target: 'Nope', model: 'theta', space: ['theta=1..3'] })).rejects.toMatchObject({ code: 'bad_request' });
    expect((await fx.core.call('runs.list', {})).length).toBe(before);
  });
});
