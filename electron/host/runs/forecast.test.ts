/** Forecast runs through the host: the airline sample with and without a test dataset, re-runs, reports, the registry. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';

let fx: ReturnType<typeof coreFixture>;
const airline = fs.readFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), 'utf8').trim().split('\n');

beforeAll(async () => {
  fx = coreFixture();
  const [header, ...rows] = airline;
  const write = (name: string, lines: string[]) => {
    const file = path.join(fx.home, name);
    fs.writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
    return file;
  };
  // Months before 1958-01 to fit on, the rest (36 months) to test on.
  const cut = rows.findIndex((r) => r.startsWith('"1958-01'));
  await importFile(fx.core, { path: write('air.csv', rows), name: 'air' });
  await importFile(fx.core, { path: write('air-train.csv', rows.slice(0, cut)), name: 'air-train' });
  await importFile(fx.core, { path: write('air-test.csv', rows.slice(cut)), name: 'air-test' });
});
afterAll(() => fx.close());

async function forecast(args: ArgsOf<'forecast.start'>) {
  const { runId, jobId } = await fx.core.call('forecast.start', args);
  const outcome = await fx.core.jobResult('forecast.train', jobId);
  return { runId, jobId, outcome, run: await fx.core.call('runs.get', { id: runId }) };
}

describe('forecast.detect', () => {
  it('reports the frequency, the one series and the proposed season of the airline data', async () => {
    const d = await fx.core.call('forecast.detect', { dataset: 'air', time: 'Month', target: 'Passengers' });
    expect(d.frequency).toBe('monthly');
    expect(d.series).toEqual([{ id: '', points: 144, start: Date.UTC(1949, 0, 1), end: Date.UTC(1960, 11, 1), gaps: 0, missing: 0, duplicates: 0 }]);
    expect(d.seasonalPeriods).toEqual([12]);
    expect(d.minSeasons).toBe(12);
    expect(d.gaps).toEqual([]);
    expect(d.duplicates).toEqual([]);
  });
});

describe('forecast runs on the airline sample', () => {
  it('auto on 1949–1957, tested on 1958–1960 (h = 36, a single forecast): MAPE at most 5.1 %', async () => {
    const { outcome, run, runId } = await forecast({ dataset: 'air-train', testDataset: 'air-test', time: 'Month', target: 'Passengers', horizon: 36, model: 'auto' });
    expect(outcome).toMatchObject({ runId, task: 'forecast', model: 'auto', frequency: 'monthly', horizon: 36 });
    expect(outcome.metrics.mape).toBeLessThanOrEqual(0.051); // a fraction: 5.1 %
    for (const k of ['mae', 'rmse', 'mape', 'smape', 'mase', 'coverage80', 'coverage95', 'winkler80', 'winkler95']) expect(Number.isFinite(outcome.metrics[k])).toBe(true);
    expect(run).toMatchObject({ status: 'succeeded', task: 'forecast', family: 'auto', target: 'Passengers', report: null });
    const report = run.forecast!;
    expect(report).toMatchObject({ evaluatedOn: 'test', windows: 1, horizon: 36, levels: [80, 95], seasonalPeriods: [12] });
    expect(report.metrics).toEqual(outcome.metrics);
    expect(report.perStep).toHaveLength(36);
    const s = report.series[0];
    expect(s.history).toHaveLength(108);
    expect(s.evaluation).toHaveLength(1);
    expect(s.evaluation[0].points).toHaveLength(36);
    expect(s.evaluation[0].origin).toBe(Date.UTC(1958, 0, 1));
    // The final forecast follows the test data.
    expect(s.forecast[0].t).toBe(Date.UTC(1961, 0, 1));
    expect(s.forecast[0].lower['95']).toBeLessThan(s.forecast[0].lower['80']);
    expect(s.residualAcf).toHaveLength(24);
    expect(s.acfBand).toBeGreaterThan(0);
    expect(report.candidates.length).toBeGreaterThanOrEqual(5);
    expect(report.candidates.filter((c) => c.chosen)).toHaveLength(3);
    expect(run.forecastSpec).toMatchObject({ dataset: run.datasetId, testDataset: run.testDatasetId, season: [12], params: { combine: 3 }, refit: 'never' });
    const preds = fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(runId, 'predictions')!;
    expect(preds.rows).toEqual(Array.from({ length: 36 }, (_, i) => i));
    expect(preds.forecastPoints!.step).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    const artifact = fx.core.ctx.repos.runs.artifact<ForecastArtifact>(runId, 'model')!;
    expect(artifact).toMatchObject({ kind: 'forecast', model: 'auto', frequency: 'monthly', series: [{ id: '', start: Date.UTC(1949, 0, 1), length: 144 }] });
  });

  it('backtests on the training tail without a test dataset: the same origins for every model', async () => {
    const a = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'ets', windows: 4 });
    const b = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'seasonal-naive', windows: 4 });
    for (const r of [a, b]) {
      expect(r.run.forecast).toMatchObject({ evaluatedOn: 'backtest', windows: 4 });
      expect(r.run.forecast!.series[0].evaluation.map((e) => e.origin)).toEqual([129, 130, 131, 132].map((i) => Date.UTC(1949, i, 1)));
      // The final forecast follows the training data.
      expect(r.run.forecast!.series[0].forecast[0].t).toBe(Date.UTC(1961, 0, 1));
    }
    const pa = fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(a.runId, 'predictions')!;
    const pb = fx.core.ctx.repos.runs.artifact<RunPredictionsDto>(b.runId, 'predictions')!;
    expect(pa.rows).toHaveLength(48);
    expect(pa.forecastPoints).toEqual(pb.forecastPoints);
    expect(pa.actual).toEqual(pb.actual);
    expect(a.outcome.metrics.mase).not.toBe(b.outcome.metrics.mase);
  });

  it('an LSTM run records the device that trained it and the backends tried; other models record none', async () => {
    const lstm = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, model: 'lstm', windows: 1, params: { epochs: 2, units: [4] } });
    const device = lstm.run.forecast!.device!;
    expect(device.tried.at(-1)).toEqual({ name: device.backend, ok: true });
    for (const t of device.tried.slice(0, -1)) expect(t).toMatchObject({ ok: false, reason: expect.any(String) });
    // The LSTM kernel trains the forecaster's network: the run names it, with nothing skipped.
    expect(device.trainedOn).toBe('wasm-kernel');
    expect(device.kernelSkipped).toBeUndefined();
    expect(lstm.run.backend).toBe(device.trainedOn);
    // The network it trained, for the Architecture tab: one LSTM layer of 4 units, then the step outputs.
    const layers = lstm.run.forecast!.network!.layers;
    expect(layers[0]).toMatchObject({ type: 'lstm', units: 4, returnSequences: false });
    expect(layers.at(-1)).toMatchObject({ type: 'output', units: 6 });
    const ets = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, model: 'ets', windows: 1 });
    expect(ets.run.backend).toBe('typescript-cpu');
    expect(ets.run.forecast!.device).toBeUndefined();
    expect(ets.run.forecast!.network).toBeUndefined();
  }, 120_000);

  it('re-runs exactly: the same arguments and seed give the same metrics and model', async () => {
    const first = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'ets', params: { trend: 'A' }, seed: 7 });
    const { runId, jobId } = await fx.core.call('runs.rerun', { id: first.runId });
    await fx.core.jobResult('forecast.train', jobId);
    const again = await fx.core.call('runs.get', { id: runId });
    expect(again.forecastSpec).toEqual(first.run.forecastSpec);
    expect(again.metrics).toEqual(first.run.metrics);
    expect(again.params).toEqual({ error: 'auto', trend: 'A', season: 'auto' });
    expect(fx.core.ctx.repos.runs.artifact(runId, 'model')).toEqual(fx.core.ctx.repos.runs.artifact(first.runId, 'model'));
    // An ordinary run: listed, taggable, deletable.
    expect((await fx.core.call('runs.list', {})).find((r) => r.id === runId)).toMatchObject({ task: 'forecast', family: 'ets', status: 'succeeded' });
    expect((await fx.core.call('runs.update', { id: runId, tags: ['air'] })).tags).toEqual(['air']);
    await fx.core.call('runs.delete', { id: runId });
    expect((await fx.core.call('runs.list', {})).some((r) => r.id === runId)).toBe(false);
  });

  it('registers, promotes and rolls back forecast runs; the explorer refuses them clearly', async () => {
    const a = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'naive' });
    const b = await forecast({ dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'drift' });
    const v1 = await fx.core.call('models.register', { runId: a.runId, name: 'air-fc' });
    const v2 = await fx.core.call('models.register', { runId: b.runId, name: 'air-fc' });
    expect([v1.version, v2.version]).toEqual(['1.0.0', '1.1.0']);
    expect(v2).toMatchObject({ task: 'forecast', family: 'drift', target: 'Passengers' });
    await fx.core.call('models.promote', { name: 'air-fc', version: '1.0.0', alias: 'prod' });
    await fx.core.call('models.promote', { name: 'air-fc', version: '1.1.0', alias: 'prod' });
    expect((await fx.core.call('models.rollback', { name: 'air-fc', alias: 'prod' })).aliases.prod).toBe('1.0.0');
    await expect(fx.core.call('explorer.schema', { model: 'air-fc@1.0.0' })).rejects.toThrow(/forecast/);
  });
});
