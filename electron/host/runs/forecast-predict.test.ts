/** Future values of a stored forecast model: from the fit alone, after newer history, and the refusals. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';

let fx: ReturnType<typeof coreFixture>;
let runId: string;
let version: string;
const airline = fs.readFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), 'utf8').trim().split('\n');

beforeAll(async () => {
  fx = coreFixture();
  const [header, ...rows] = airline;
  const write = (name: string, lines: string[]) => {
    const file = path.join(fx.home, name);
    fs.writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
    return file;
  };
  const cut = rows.findIndex((r) => r.startsWith('"1958-01'));
  await importFile(fx.core, { path: write('air-train.csv', rows.slice(0, cut)), name: 'air-train' });
  await importFile(fx.core, { path: write('air.csv', rows), name: 'air' });
  const started = await fx.core.call('forecast.start', { dataset: 'air-train', time: 'Month', target: 'Passengers', horizon: 12, model: 'ets' });
  await fx.core.jobResult('forecast.train', started.jobId);
  runId = started.runId;
  const v = await fx.core.call('models.register', { runId, name: 'air-ets' });
  version = v.version;
});
afterAll(() => fx.close());

function readCsv(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
}

async function predict(args: { model: string; horizon: number; history?: string; out: string; force?: boolean }) {
  const { jobId } = await fx.core.call('forecast.predict', args);
  return fx.core.jobResult('forecast.predict', jobId);
}

describe('forecast.predict', () => {
  it('forecasts the steps after the fit, with bounds per level, from NAME@VERSION', async () => {
    const out = path.join(fx.home, 'next.csv');
    const r = await predict({ model: `air-ets@${version}`, horizon: 6, out });
    expect(r).toMatchObject({ rows: 6, horizon: 6, out });
    const [header, ...rows] = readCsv(out);
    expect(header).toEqual(['series', 'Month', 'mean', 'lower80', 'upper80', 'lower95', 'upper95']);
    expect(rows.map((x) => x[1].slice(0, 7))).toEqual(['1958-01', '1958-02', '1958-03', '1958-04', '1958-05', '1958-06']);
    for (const x of rows) {
      const [mean, l80, u80, l95, u95] = x.slice(2).map(Number);
      expect(l95).toBeLessThan(l80);
      expect(l80).toBeLessThan(mean);
      expect(mean).toBeLessThan(u80);
      expect(u80).toBeLessThan(u95);
    }
  });

  it('moves the model on through newer history before forecasting, without refitting', async () => {
    const out = path.join(fx.home, 'after-history.csv');
    await predict({ model: runId, horizon: 3, history: 'air', out });
    const rows = readCsv(out).slice(1);
    // The history runs to 1960-12: the forecast starts the month after, not after the fit.
    expect(rows.map((x) => x[1].slice(0, 7))).toEqual(['1961-01', '1961-02', '1961-03']);
    // Seen the 1960 level (≈ 400–600), the forecast is in its range, above anything before 1958.
    for (const x of rows) expect(Number(x[2])).toBeGreaterThan(350);
  });

  it('keeps an existing file unless forced', async () => {
    const out = path.join(fx.home, 'kept.csv');
    fs.writeFileSync(out, 'mine\n');
    await expect(fx.core.call('forecast.predict', { model: runId, horizon: 2, out })).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readFileSync(out, 'utf8')).toBe('mine\n');
    await predict({ model: runId, horizon: 2, out, force: true });
    expect(readCsv(out)).toHaveLength(3);
  });

  it('refuses a tabular model and names the field', async () => {
    const tab = await fx.core.call('runs.start', { dataset: 'air', target: 'Passengers', family: 'linear' });
    await fx.core.jobResult('runs.train', tab.jobId);
    await expect(fx.core.call('forecast.predict', { model: tab.runId, horizon: 2, out: path.join(fx.home, 'x.csv') })).rejects.toMatchObject({
      code: 'bad_request',
      details: { field: 'model' },
    });
  });
});
