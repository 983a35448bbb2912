import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForecastModel } from '../../../models/forecast/families';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { loadForecaster, type ForecastPoint } from '../../../models/forecast/runtime';
import { buildForecastModule } from './forecast-build';
import { airline, fitArtifact, historyRows, type FittedSeries } from './forecast-fixture';

const all = airline();
const one: FittedSeries = { id: '', fitted: 132, all };
let source: string;
const dirs: string[] = [];
let ets: ForecastArtifact;

beforeAll(async () => {
  source = await buildForecastModule();
  ets = fitArtifact('ets', [one]);
});
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A folder holding only the bundle's runtime and model, outside the repository. */
function bundleDir(artifact: ForecastArtifact): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-forecast-bundle-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'forecast.mjs'), source);
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(artifact));
  return dir;
}

/** Node allowed to read the bundle's folder only: nothing of the repository, node_modules included. */
function nodeIn(dir: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--experimental-permission', `--allow-fs-read=${dir}`, '--no-warnings', ...args], {
    cwd: dir, input, encoding: 'utf8', env: { PATH: process.env.PATH },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectSame(got: ForecastPoint[], want: ForecastPoint[]) {
  expect(got.map((p) => [p.series, p.t])).toEqual(want.map((p) => [p.series, p.t]));
  let maxRel = 0;
  got.forEach((p, i) => {
    for (const key of Object.keys(want[i]).filter((k) => k !== 'series' && k !== 't')) {
      const w = want[i][key] as number;
      maxRel = Math.max(maxRel, Math.abs((p[key] as number) - w) / Math.max(Math.abs(w), 1e-9));
    }
  });
  expect(maxRel).toBeLessThanOrEqual(1e-9);
}

describe('the bundled forecasting runtime', () => {
  it('is one module importing nothing, small enough to read', () => {
    // No static imports or re-exports, and no dynamic import of a fixed module (the CLI mode's fs is computed).
    expect(source).not.toMatch(/^\s*(import|export)\s[^;]*\sfrom\s*['"]/m);
    expect(source).not.toMatch(/\bimport\(\s*['"`]/);
    expect(source).toMatch(/^export \{[^}]*\bloadForecaster\b/m);
    expect(source.length).toBeLessThan(250_000);
  });

  it('forecasts from the fit as the engine does, and moves the state on through newer history', async () => {
    const model = loadForecastModel(ets.perSeries![0]);
    const direct = model.forecast(12, [80, 95]);
    const fromFit = await loadForecaster(ets).forecast();
    expect(fromFit).toHaveLength(12);
    expect(fromFit[0].t).toBe('1960-01-01T00:00:00.000Z');
    fromFit.forEach((p, j) => {
      expect(p.mean).toBe(direct.mean[j]);
      expect(p.lower95).toBe(direct.lower[95][j]);
      expect(p.upper80).toBe(direct.upper[80][j]);
    });
    // History overlapping the fit: only the 12 newer months move the state.
    const moved = await loadForecaster(ets).forecast({ history: historyRows(one, 100) });
    const updated = model.update(all.values.slice(132)).forecast(12, [80, 95]);
    expect(moved[0].t).toBe('1961-01-01T00:00:00.000Z');
    moved.forEach((p, j) => expect(p.mean).toBe(updated.mean[j]));
    // A gap in the newer history is a missing value, not a shift.
    const gappy = historyRows(one, 132).filter((_, i) => i !== 3);
    const skipped = model.update(Float64Array.from(all.values.slice(132), (v, i) => (i === 3 ? NaN : v))).forecast(12, [80, 95]);
    (await loadForecaster(ets).forecast({ history: gappy })).forEach((p, j) => expect(p.mean).toBe(skipped.mean[j]));
  });

  it('gives the same forecast in a Node process that can read nothing but the bundle', async () => {
    const dir = bundleDir(ets);
    const request = { history: historyRows(one, 132), levels: [50, 80, 95], horizon: 18 };
    fs.writeFileSync(path.join(dir, 'run.mjs'), `
      import fs from 'node:fs';
      import { loadForecaster } from './forecast.mjs';
      const f = loadForecaster(fs.readFileSync(new URL('./model.json', import.meta.url), 'utf8'));
      console.log(JSON.stringify(await f.forecast(${JSON.stringify(request)})));
    `);
    const r = nodeIn(dir, ['run.mjs']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const want = await loadForecaster(JSON.stringify(ets)).forecast(request);
    expect(want).toHaveLength(18);
    expectSame(JSON.parse(r.stdout), want);
    // The permission model is on: the repository is out of reach.
    fs.writeFileSync(path.join(dir, 'peek.mjs'), `import fs from 'node:fs'; fs.readFileSync(${JSON.stringify(path.resolve('package.json'))});`);
    expect(nodeIn(dir, ['peek.mjs']).stderr).toMatch(/ERR_ACCESS_DENIED/);
  });

  it('answers a request on stdin with the forecast on stdout (node forecast.mjs < request.json)', async () => {
    const theta = fitArtifact('theta', [{ id: 'north', fitted: 120, all }, { id: 'south', fitted: 132, all }]);
    const dir = bundleDir(theta);
    // Rows may name their columns as the dataset did.
    const north = { id: 'north', fitted: 120, all };
    const request = { history: historyRows(north, 110, { columnNames: true }), horizon: 6 };
    const r = nodeIn(dir, ['forecast.mjs'], JSON.stringify(request));
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as ForecastPoint[];
    expect(new Set(got.map((p) => p.series))).toEqual(new Set(['north']));
    expectSame(got, await loadForecaster(theta).forecast(request));
    const direct = loadForecastModel(theta.perSeries![0]).update(all.values.slice(120)).forecast(6, [80, 95]);
    got.forEach((p, j) => expect(p.mean).toBe(direct.mean[j]));
    // No history: every series, from where its fit ended.
    const every = JSON.parse(nodeIn(dir, ['forecast.mjs'], '{}').stdout) as ForecastPoint[];
    expect(every.map((p) => `${p.series} ${p.t.slice(0, 7)}`).filter((_, i) => i % 12 === 0)).toEqual(['north 1959-01', 'south 1960-01']);
  });

  it('refuses a bad request with a message naming the field', async () => {
    const theta = fitArtifact('theta', [{ id: 'north', fitted: 120, all }, { id: 'south', fitted: 132, all }]);
    const dir = bundleDir(theta);
    const fail = (request: unknown) => {
      const r = nodeIn(dir, ['forecast.mjs'], typeof request === 'string' ? request : JSON.stringify(request));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      return JSON.parse(r.stderr).error as { field: string; message: string };
    };
    expect(fail({ history: [{ series: 'north', y: 3 }] })).toEqual({ field: 'history[0].t', message: "history[0] has no time: give 't' or 'Month'" });
    expect(fail({ history: [{ series: 'west', t: '1960-01', y: 3 }] })).toMatchObject({ field: 'history[0].series', message: expect.stringMatching(/unknown series "west"; the model knows "north", "south"/) });
    expect(fail({ history: [{ t: '1960-01', y: 3 }] })).toMatchObject({ field: 'history[0].series' });
    expect(fail({ history: [{ series: 'north', t: '1960-01' }] })).toMatchObject({ field: 'history[0].y', message: expect.stringMatching(/give 'y' or 'Passengers'/) });
    expect(fail({ history: [{ series: 'north', t: 'soon', y: 1 }] })).toMatchObject({ field: 'history[0].t' });
    expect(fail({ history: [{ series: 'north', t: '1960-01', y: 'many' }] })).toMatchObject({ field: 'history[0].y' });
    expect(fail({ horizon: 0 })).toMatchObject({ field: 'horizon' });
    expect(fail({ levels: [120] })).toMatchObject({ field: 'levels' });
    expect(fail({ series: ['east'] })).toMatchObject({ field: 'series' });
    expect(fail('{"history": [')).toMatchObject({ field: 'request', message: expect.stringMatching(/not JSON/) });
    const twice = { history: [{ series: 'north', t: '1960-01', y: 1 }, { series: 'north', t: '1960-01-01', y: 3 }] };
    expect(fail(twice)).toMatchObject({ field: 'history[1].t', message: expect.stringMatching(/1960-01 appears more than once for series "north"/) });
    // Combined as the run combined them, when asked.
    const mean = await loadForecaster(theta).forecast({ ...twice, duplicates: 'mean' });
    const direct = loadForecastModel(theta.perSeries![0]).update(Float64Array.from({ length: 13 }, (_, i) => (i === 12 ? 2 : NaN))).forecast(12, [80, 95]);
    mean.forEach((p, j) => expect(p.mean).toBe(direct.mean[j]));
  });
});
