/** `lathe forecast` and the API are two doors to one forecast run: the same arguments give the same run and metrics. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { samplesDir } from '../host/datasets/samples';
import { forecastArgsFromCli } from './commands/forecast';
import { latheIn } from '../../tests/helpers/lathe-cli';

const csv = path.join(samplesDir(), 'airline_passengers/airline-passengers.csv');
let fx: ReturnType<typeof coreFixture>;

const lathe = latheIn(() => fx.home);

beforeAll(async () => {
  fx = coreFixture();
  await importFile(fx.core, { path: csv, name: 'air' });
});
afterAll(() => fx.close());

describe('lathe forecast', () => {
  it('lathe runs device names what trained an LSTM run and each backend skipped; an ets run has none', async () => {
    const { runId, jobId } = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, windows: 1, model: 'lstm', params: { epochs: 2, units: [4] } });
    await fx.core.jobResult('forecast.train', jobId);
    const device = JSON.parse(lathe('--json', 'runs', 'device', runId).stdout);
    expect(device).toEqual((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).forecast!.device);
    expect(device.tried.at(-1)).toEqual({ name: device.backend, ok: true });
    const text = lathe('runs', 'device', runId).stdout;
    // The LSTM kernel trains the forecaster's network, so no line says why it was not used.
    expect(device.trainedOn).toBe('wasm-kernel');
    expect(text).toMatch(/^trained on wasm-kernel\n/);
    expect(text).not.toContain('not used');
    const ets = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, windows: 1, model: 'ets' });
    await fx.core.jobResult('forecast.train', ets.jobId);
    expect(lathe('--json', 'runs', 'device', ets.runId).stdout.trim()).toBe('null');
  }, 90_000);

  it('prints the forecast outcome with --json, with the same metrics as the API from the same arguments', async () => {
    const r = lathe('forecast', '--dataset', 'air', '--time', 'Month', '--target', 'Passengers', '--horizon', '12', '--model', 'ets', '--levels', '80,95', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout);
    expect(Object.keys(cli).sort()).toEqual(['durationMs', 'frequency', 'horizon', 'metrics', 'model', 'runId', 'task']);
    expect(cli).toMatchObject({ task: 'forecast', model: 'ets', frequency: 'monthly', horizon: 12 });
    const { runId, jobId } = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'ets' });
    const api = await fx.core.jobResult('forecast.train', jobId);
    expect(api.metrics).toEqual(cli.metrics);
    const [a, b] = [await fx.core.call('runs.get', { id: runId }), await fx.core.call('runs.get', { id: cli.runId })];
    expect(b.forecastSpec).toEqual(a.forecastSpec);
  }, 60_000);

  it('reads every option into the contract’s arguments', () => {
    expect(
      forecastArgsFromCli({
        dataset: 'd', time: 't', target: 'y', series: 's', covariates: 'a, b', futureCovariates: 'c', events: 'e', horizon: '7', model: 'theta',
        season: '7,365.25', levels: '90', testDataset: 'T', refit: '3', windows: '2', duplicates: 'sum', param: ['theta=2'], seed: '5',
      }),
    ).toEqual({
      dataset: 'd', time: 't', target: 'y', series: 's', covariates: ['a', 'b'], futureCovariates: ['c'], events: 'e', horizon: 7, model: 'theta',
      season: [7, 365.25], levels: [90], testDataset: 'T', refit: 3, windows: 2, duplicates: 'sum', params: { theta: '2' }, seed: 5,
    });
    expect(() => forecastArgsFromCli({ dataset: 'd', time: 't', target: 'y', horizon: '1', refit: 'sometimes', param: [] })).toThrow(/--refit expects never, every or a whole number/);
  });

  it('fails with exit code 1 and one line naming the column', () => {
    const r = lathe('forecast', '--dataset', 'air', '--time', 'Passengers', '--target', 'Passengers', '--horizon', '12');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("lathe: 'Passengers' is not a date or datetime column (it is integer)");
  }, 30_000);
});
