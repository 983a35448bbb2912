/** Rows after a series' last value are its known future (covariates, events), not missing history. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';

let fx: ReturnType<typeof coreFixture>;
const HISTORY = 60;
const AHEAD = 6;

beforeAll(async () => {
  fx = coreFixture();
  const lines = ['month,sales,promo'];
  for (let i = 0; i < HISTORY + AHEAD; i++) {
    const month = `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    // The promo runs on odd months of the future too, so its effect is needed there.
    const promo = i % 5 === 0 || i >= HISTORY ? (i % 2) : 0;
    const sales = 200 + i + 15 * Math.sin((2 * Math.PI * i) / 12) + 40 * promo + ((i * 7) % 5);
    lines.push(i < HISTORY ? `${month},${sales.toFixed(1)},${promo}` : `${month},,${promo}`);
  }
  const file = path.join(fx.home, 'sales.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await importFile(fx.core, { path: file, name: 'sales' });
});
afterAll(() => fx.close());

describe('trailing rows without a target', () => {
  it('detection counts only the history and says what the trailing rows are', async () => {
    const d = await fx.core.call('forecast.detect', { dataset: 'sales', time: 'month', target: 'sales' });
    expect(d.series[0].points).toBe(HISTORY);
    expect(d.series[0].missing).toBe(0);
    expect(d.notes.join(' ')).toContain(`up to ${AHEAD} time points without a value: they are read as the future`);
  });

  it('the final forecast starts after the last value and uses the future promo', async () => {
    const { runId, jobId } = await fx.core.call('forecast.start', {
      dataset: 'sales', time: 'month', target: 'sales', horizon: AHEAD, model: 'decomposable', futureCovariates: ['promo'], windows: 3,
    });
    await fx.core.jobResult('forecast.train', jobId);
    const run = await fx.core.call('runs.get', { id: runId });
    const f = run.forecast!.series[0].forecast;
    expect(f).toHaveLength(AHEAD);
    expect(new Date(f[0].t).toISOString().slice(0, 7)).toBe('2024-01');
    for (const p of f) expect(Number.isFinite(p.mean)).toBe(true);
    // Promo months (odd indices) sit about 40 above their neighbours.
    const lift = (f[1].mean + f[3].mean) / 2 - (f[0].mean + f[2].mean + f[4].mean) / 3;
    expect(lift).toBeGreaterThan(25);
  });
});
