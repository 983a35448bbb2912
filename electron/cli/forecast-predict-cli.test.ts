/** `lathe predict --horizon` and `lathe forecast --sweep`: the forecast doors beyond a single run. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { samplesDir } from '../host/datasets/samples';
import { latheIn } from '../../tests/helpers/lathe-cli';

const csv = path.join(samplesDir(), 'airline_passengers/airline-passengers.csv');
let fx: ReturnType<typeof coreFixture>;
let runId: string;

const lathe = latheIn(() => fx.home);

beforeAll(async () => {
  fx = coreFixture();
  await importFile(fx.core, { path: csv, name: 'air' });
  const started = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 12, model: 'theta' });
  await fx.core.jobResult('forecast.train', started.jobId);
  runId = started.runId;
});
afterAll(() => fx.close());

describe('lathe predict --horizon', () => {
  it('writes the next steps of a forecast model with their bounds, and says so in --json', () => {
    const out = path.join(fx.home, 'next.csv');
    const r = lathe('predict', '--model', runId, '--horizon', '4', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, horizon: 4, out });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('series,Month,mean,lower80,upper80,lower95,upper95');
    expect(lines.slice(1).map((l) => l.split(',')[1].slice(0, 7))).toEqual(['1961-01', '1961-02', '1961-03', '1961-04']);
  });

  it('asks for exactly one of --input and --horizon', () => {
    const r = lathe('predict', '--model', runId, '--out', path.join(fx.home, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give --input FILE (tabular model) or --horizon STEPS (forecast model)');
  });

  it('refuses a horizon of 0, naming the option', () => {
    const r = lathe('predict', '--model', runId, '--horizon', '0', '--out', path.join(fx.home, 'x.csv'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("expected a whole number of steps, at least 1 (got '0')");
  });
});

describe('lathe forecast --sweep', () => {
  it('runs a grid of forecast trials and prints the sweep with its best run', () => {
    const r = lathe('forecast', '--dataset', 'air', '--time', 'Month', '--target', 'Passengers', '--horizon', '6', '--windows', '4',
      '--model', 'theta', '--sweep', 'theta=1|2|3', '--method', 'grid', '--trials', '3', '--parallel', '1', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sweep = JSON.parse(r.stdout) as { status: string; metric: string; results: { params: { theta: number }; value: number; runId: string }[]; bestRunId: string };
    expect(sweep).toMatchObject({ status: 'succeeded', metric: 'mase' });
    expect(sweep.results.map((t) => t.params.theta).sort()).toEqual([1, 2, 3]);
    const best = sweep.results.reduce((a, b) => (b.value < a.value ? b : a));
    expect(sweep.bestRunId).toBe(best.runId);
  });
});
