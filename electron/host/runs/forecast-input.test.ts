/** Forecast runs on made-up files: bad input refused naming the field, several series, the test-dataset protocol, failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import type { ArgsOf } from '../../../shared/api/contract';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { TaskContext } from '../../workers/protocol';
import { forecastTask } from '../../workers/forecast/forecast-task';
import { resolveForecast } from './resolve-forecast';

let fx: ReturnType<typeof coreFixture>;

const month = (i: number) => new Date(Date.UTC(2000, i, 1)).toISOString().slice(0, 7);
const value = (i: number, level = 100) => (level + i + 10 * Math.sin((2 * Math.PI * i) / 12) + 3 * Math.sin(i * 7.3)).toFixed(3);

beforeAll(async () => {
  fx = coreFixture();
  const rows = (from: number, to: number, f: (i: number) => string) => Array.from({ length: to - from }, (_, k) => f(from + k)).join('\n');
  await importCsvText(fx, 'short', `month,sales,price,name\n${rows(0, 20, (i) => `${month(i)},${value(i)},${(i * 1.5).toFixed(1)},item${i % 3}`)}\n`);
  await importCsvText(fx, 'dups', `day,sales\n2021-01-01,1\n2021-01-02,2\n2021-01-03,3\n2021-01-03,4\n2021-01-04,5\n2021-01-05,6\n`);
  await importCsvText(fx, 'hotels', `month,hotel,nights\n${['b', 'a', 'c'].map((h, k) => rows(0, 48, (i) => `${month(i)},${h},${value(i, 100 * (k + 1))}`)).join('\n')}\n`);
  await importCsvText(fx, 'm-train', `month,sales\n${rows(0, 48, (i) => `${month(i)},${value(i)}`)}\n`);
  await importCsvText(fx, 'm-test', `month,sales\n${rows(48, 68, (i) => `${month(i)},${value(i)}`)}\n`);
  await importCsvText(fx, 'm-test-tampered', `month,sales\n${rows(48, 68, (i) => `${month(i)},${i >= 58 ? 99999 : value(i)}`)}\n`);
  const promo = (i: number) => (i % 5 === 0 ? 1 : 0);
  const withPromo = (i: number) => `${month(i)},${(Number(value(i)) + 20 * promo(i)).toFixed(3)},${promo(i)},${i % 12 === 11 ? 'xmas' : ''}`;
  await importCsvText(fx, 'c-train', `month,sales,promo,holiday\n${rows(0, 48, withPromo)}\n`);
  await importCsvText(fx, 'c-test', `month,sales,promo,holiday\n${rows(48, 60, withPromo)}\n`);
  await importCsvText(fx, 'gappy', `month,store,sales\n${rows(0, 40, (i) => (i >= 10 && i < 16 ? '' : `${month(i)},x,${i === 20 ? '' : value(i)}`)).split('\n').filter(Boolean).join('\n')}\n${rows(0, 30, (i) => `${month(i + 5)},y,${value(i)}`)}\n`);
  await importCsvText(fx, 'm-test-overlap', `month,sales\n${rows(40, 60, (i) => `${month(i)},${value(i)}`)}\n`);
});
afterAll(() => fx.close());

const start = (args: ArgsOf<'forecast.start'>) => fx.core.call('forecast.start', args);

async function forecast(args: ArgsOf<'forecast.start'>) {
  const { runId, jobId } = await start(args);
  await fx.core.jobResult('forecast.train', jobId);
  return { runId, run: await fx.core.call('runs.get', { id: runId }), preds: fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(runId, 'predictions')! };
}

describe('bad input is refused before a run exists, naming the column, field or number', () => {
  const base = { dataset: 'short', time: 'month', target: 'sales', horizon: 3 };
  it.each([
    [{ time: 'price' }, 'time', /'price' is not a date or datetime column \(it is float\)/],
    [{ target: 'name' }, 'target', /'name' is not a numeric column \(it is (text|categorical)\)/],
    [{ target: 'nope' }, 'target', /The dataset has no column 'nope'/],
    [{ series: 'nope' }, 'series', /no column 'nope'/],
    [{ horizon: 0 }, 'horizon', /horizon/],
    [{ horizon: 18 }, 'horizon', /has 20 points; a backtest of 5 windows at horizon 18 leaves -2 before its first origin/],
    [{ model: 'ets', season: [12] }, 'season', /has 20 points; a backtest of 5 windows at horizon 3 leaves 13 before its first origin, fewer than two seasons of 12 \(24 points\)/],
    [{ model: 'ets', params: { trend: 'X' } }, 'params.trend', /Invalid ets parameter 'trend' = 'X': must be one of auto, N, A, Ad/],
    [{ model: 'naive', params: { alpha: 1 } }, 'params.alpha', /naive has no parameter 'alpha' \(it takes none\)/],
    [{ testDataset: 'hotels' }, 'testDataset', /The test dataset has no column 'sales'/],
  ] as const)('%j → %s', async (change, field, message) => {
    const before = (await fx.core.call('runs.list', {})).length;
    const p = start({ ...base, ...change } as ArgsOf<'forecast.start'>);
    await expect(p).rejects.toMatchObject({ code: 'bad_request', details: { field } });
    await expect(p).rejects.toThrow(message);
    expect((await fx.core.call('runs.list', {})).length).toBe(before);
  });

  it('duplicates: refused naming the series, timestamp and rows under the rule error; combined by sum', async () => {
    const args = { dataset: 'dups', time: 'day', target: 'sales' };
    await expect(fx.core.call('forecast.detect', args)).rejects.toThrow("The series has 2 rows at 2021-01-03 (rows 3, 4); choose how to combine duplicates: sum, mean or last");
    await expect(start({ ...args, horizon: 1, windows: 1 })).rejects.toMatchObject({ details: { field: 'duplicates', rows: [3, 4] } });
    const d = await fx.core.call('forecast.detect', { ...args, duplicates: 'sum' });
    expect(d).toMatchObject({ frequency: 'daily', duplicateRule: 'sum', duplicates: [{ series: '', timestamp: Date.UTC(2021, 0, 3), count: 2 }] });
    expect(d.series[0]).toMatchObject({ points: 5, duplicates: 1 });
  });
});

describe('forecast.detect', () => {
  it('reports each series with its gaps and missing values, and notes a long gap', async () => {
    const d = await fx.core.call('forecast.detect', { dataset: 'gappy', time: 'month', target: 'sales', series: 'store' });
    expect(d.frequency).toBe('monthly');
    expect(d.series).toEqual([
      { id: 'x', points: 40, start: Date.UTC(2000, 0, 1), end: Date.UTC(2003, 3, 1), gaps: 1, missing: 1, duplicates: 0 },
      { id: 'y', points: 30, start: Date.UTC(2000, 5, 1), end: Date.UTC(2002, 10, 1), gaps: 0, missing: 0, duplicates: 0 },
    ]);
    expect(d.gaps).toEqual([{ series: 'x', start: Date.UTC(2000, 10, 1), length: 6 }]);
    expect(d.minSeasons).toBe(2);
    expect(d.notes).toContain("Series 'x' has a gap of 6 monthly points from 2000-11; it is filled as missing.");
  });
});

describe('several series', () => {
  it('fits one model per series with per-series progress, reporting them in id order', async () => {
    const spec = resolveForecast(fx.core.ctx, { dataset: 'hotels', time: 'month', target: 'nights', series: 'hotel', horizon: 6, model: 'ets', covariates: [], futureCovariates: [], levels: [80, 95], refit: 'never', windows: 2, duplicates: 'error', params: {}, seed: 1 });
    const messages: string[] = [];
    const ctx: TaskContext = {
      signal: new AbortController().signal, cancelled: () => false, progress: (_, m) => m && messages.push(m), metrics: () => undefined, afterResult: (w) => w(),
      start: { jobId: 'test', kind: 'forecast.train', args: {}, databasePath: fx.core.ctx.databasePath, home: fx.home },
    };
    const out = (await forecastTask({ ...spec, runId: 'test' }, ctx))!;
    for (const k of [1, 2, 3]) expect(messages).toContain(`fitting series ${k} of 3`);
    expect(out.report.series.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(out.predictions.forecastPoints!.seriesIds).toEqual(['a', 'b', 'c']);
    expect(out.predictions.rows).toHaveLength(3 * 2 * 6);
    expect(out.predictions.forecastPoints!.series).toEqual([0, 1, 2].flatMap((s) => Array(12).fill(s)));
    // Series b's levels are twice a's: its errors are not a's.
    expect(out.report.series[1].metrics.mae).not.toBe(out.report.series[0].metrics.mae);
    expect(out.report.metrics.mase).toBeGreaterThan(0);
  });
});

describe('the other models through the same run', () => {
  it('gbdt: one model across the series, stored as one global model', async () => {
    const { run, runId } = await forecast({ dataset: 'hotels', time: 'month', target: 'nights', series: 'hotel', horizon: 6, windows: 2, model: 'gbdt', params: { trees: 50 } });
    expect(run.forecast!.series.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(run.forecast!.series[0].residualAcf).toEqual([]);
    const artifact = fx.core.ctx.repos.runs.artifact<{ perSeries: unknown; global: { family: string } | null }>(runId, 'model')!;
    expect(artifact.perSeries).toBeNull();
    expect(artifact.global!.family).toBe('gbdt');
  });

  it('decomposable: its components over history and horizon', async () => {
    const { run } = await forecast({ dataset: 'm-train', time: 'month', target: 'sales', horizon: 6, model: 'decomposable' });
    const names = run.forecast!.series[0].components.map((c) => c.name);
    expect(names).toContain('trend');
    expect(run.forecast!.series[0].components[0].t).toHaveLength(48 + 6);
  });

  it('decomposable with a known-future covariate and events read from the test dataset; a test dataset without it is refused', async () => {
    const args: ArgsOf<'forecast.start'> = { dataset: 'c-train', testDataset: 'c-test', time: 'month', target: 'sales', horizon: 12, model: 'decomposable', futureCovariates: ['promo'], events: 'holiday' };
    const withPromo = await forecast(args);
    expect(withPromo.run.status).toBe('succeeded');
    const without = await forecast({ ...args, futureCovariates: [], events: undefined });
    // Knowing the promotions ahead helps on months that have one.
    expect(withPromo.run.metrics!.mae).toBeLessThan(without.run.metrics!.mae);
    await expect(start({ ...args, events: undefined, testDataset: 'm-test' })).rejects.toMatchObject({ details: { field: 'testDataset' }, message: "The test dataset has no column 'promo'" });
  });

  it('ensemble: every candidate on the run’s own protocol, the chosen ones marked', async () => {
    const { run } = await forecast({ dataset: 'm-train', time: 'month', target: 'sales', horizon: 6, model: 'ensemble', params: { k: 2 } });
    const { candidates, metrics } = run.forecast!;
    expect(candidates.filter((c) => c.chosen)).toHaveLength(2);
    expect(candidates.length).toBeGreaterThan(3);
    for (const c of candidates) expect(Object.keys(c.metrics)).toEqual(Object.keys(metrics));
  });
});

describe('the test-dataset protocol through the host', () => {
  const base = { dataset: 'm-train', testDataset: 'm-test', time: 'month', target: 'sales', horizon: 6, model: 'theta' } as const;

  it('a test dataset of 20 points at horizon 6: 15 origins, 90 scored points; refit every differs from never', async () => {
    const never = await forecast(base);
    expect(never.run.forecast).toMatchObject({ evaluatedOn: 'test', windows: 15 });
    expect(never.preds.rows).toHaveLength(90);
    expect(never.preds.forecastPoints!.origin.slice(0, 7)).toEqual([...Array(6).fill(Date.UTC(2004, 0, 1)), Date.UTC(2004, 1, 1)]);
    const every = await forecast({ ...base, refit: 'every' });
    expect(every.preds.actual).toEqual(never.preds.actual);
    expect(every.run.metrics!.mae).not.toBe(never.run.metrics!.mae);
  });

  it('later test values change no forecast made before them', async () => {
    const clean = await forecast({ ...base, model: 'ets' });
    const tampered = await forecast({ ...base, model: 'ets', testDataset: 'm-test-tampered' });
    const origins = clean.preds.forecastPoints!.origin;
    const cutoff = Date.UTC(2004, 10, 1); // the first tampered month, index 58
    const before = origins.map((o, i) => (o <= cutoff ? i : -1)).filter((i) => i >= 0);
    expect(before.length).toBe(11 * 6);
    expect(before.map((i) => tampered.preds.values[i])).toEqual(before.map((i) => clean.preds.values[i]));
    expect(tampered.preds.values[before.length]).not.toBe(clean.preds.values[before.length]);
  });

  it('cancels between fits: the run is cancelled and keeps no model, report or points', async () => {
    const { runId, jobId } = await start({ ...base, model: 'auto', refit: 'every' });
    await new Promise<void>((resolve) => {
      const off = fx.core.ctx.events.subscribe((e, p) => {
        if (e === 'job.progress' && (p as { jobId: string }).jobId === jobId) {
          off();
          resolve();
        }
      });
    });
    await fx.core.call('jobs.cancel', { id: jobId });
    expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('cancelled');
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run).toMatchObject({ status: 'cancelled', forecast: null, metrics: null });
    for (const kind of ['model', 'report', 'predictions'] as const) expect(fx.core.ctx.repos.runs.artifact(runId, kind)).toBeNull();
  });

  it('a failed forecast leaves the database as it was, apart from its failed run', async () => {
    const count = (table: string) => (fx.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const tables = ['datasets', 'artifacts', 'metric_points', 'model_versions'];
    const before = tables.map(count);
    const runsBefore = count('runs');
    // The test rows overlap the training data: found by the worker, which reads them.
    const { runId, jobId } = await start({ ...base, testDataset: 'm-test-overlap' });
    await expect(fx.core.jobResult('forecast.train', jobId)).rejects.toThrow(/Row 1 of the test dataset \(2003-05\) is not after the training data of the series, which ends at 2003-12/);
    const run = await fx.core.call('runs.get', { id: runId });
    expect(run).toMatchObject({ status: 'failed', task: 'forecast', forecast: null });
    expect(run.error).toMatch(/not after the training data/);
    expect(tables.map(count)).toEqual(before);
    expect(count('runs')).toBe(runsBefore + 1);
  });
});
