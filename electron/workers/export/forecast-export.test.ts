import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { loadForecastModel } from '../../../models/forecast/families';
import type { ForecastPoint } from '../../../models/forecast/runtime';
import { ApiError } from '../../../shared/api/errors';
import { TEMP_PREFIX } from '../../data/output-files';
import { exportForecast } from './forecast-export';
import { engineCases } from './forecast-parity';
import { airline, fitArtifact, historyRows } from './forecast-fixture';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-forecast-export-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const all = airline();
let ets: ForecastArtifact;
const run = { id: 'f0f0f0f0-0000-4000-8000-000000000001', metrics: { mase: 0.5 }, datasetSha256: 'ab'.repeat(32) };
const progress: [number, string | undefined][] = [];
const ctx = { progress: (f: number, m?: string) => void progress.push([f, m]) };

beforeAll(() => {
  ets = fitArtifact('ets', [{ id: '', fitted: 132, all }]);
});

const exportTo = (dir: string, artifact: ForecastArtifact, force = false) =>
  exportForecast({ outDir: dir, force, ref: 'airline-ets', version: null }, ctx, { artifact, run, stored: null });

/** Node in the bundle's folder, allowed to read nothing else. */
function nodeIn(dir: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--experimental-permission', `--allow-fs-read=${dir}`, '--no-warnings', ...args], { cwd: dir, input, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exporting a forecast run', () => {
  it('writes model.json, forecast.mjs and their examples after checking them against the engine', async () => {
    const dir = path.join(work, 'ets');
    const r = await exportTo(dir, ets);
    expect(r.format).toBe('forecast');
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'example-request.json', 'forecast.mjs', 'forecast.py', 'manifest.json', 'model.json']);
    // Two checks of 12 points each: from the fit, and after three newer values.
    expect(r.parity).toMatchObject({ rows: 24, labelMismatches: 0, passed: true });
    expect(r.parity.maxRel).toBeLessThanOrEqual(1e-9);
    expect(r.latency.singleP50Us).toBeGreaterThan(0);
    expect(r.latency.singleP99Us).toBeGreaterThanOrEqual(r.latency.singleP50Us);
    expect(r.latency.batchRows).toBe(12);
    expect(r.outputs.map((o) => o.name)).toEqual(['mean', 'lower80', 'upper80', 'lower95', 'upper95']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'))).toEqual(ets);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'forecast', family: 'ets', frequency: 'monthly', horizon: 12, parity: { passed: true, limit: 1e-9 } });
    expect(progress.map(([, m]) => m)).toContain('checking the bundle against the app');
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/node forecast\.mjs < example-request\.json/);
    expect(readme).toMatch(/`t` or `Month`/);
    expect(readme).toMatch(/## Test-dataset protocol/);

    // The example request, answered by the bundle alone in a Node that can read only its folder.
    const example = fs.readFileSync(path.join(dir, 'example-request.json'), 'utf8');
    const cli = nodeIn(dir, ['forecast.mjs'], example);
    expect(cli.stderr).toBe('');
    const got = JSON.parse(cli.stdout) as ForecastPoint[];
    const request = JSON.parse(example) as { history: { t: string; y: number }[] };
    expect(request.history).toHaveLength(3);
    expect(request.history[0].t).toBe('1960-01-01T00:00:00.000Z');
    const direct = loadForecastModel(ets.perSeries![0]).update(request.history.map((r) => r.y)).forecast(12, [80, 95]);
    expect(got[0].t).toBe('1960-04-01T00:00:00.000Z');
    got.forEach((p, j) => {
      expect(Math.abs(p.mean - direct.mean[j])).toBeLessThanOrEqual(1e-9 * Math.abs(direct.mean[j]));
      expect(Math.abs((p.upper95 as number) - direct.upper[95][j])).toBeLessThanOrEqual(1e-9 * Math.abs(direct.upper[95][j]));
    });
    // And real newer history through the importable module.
    fs.writeFileSync(path.join(dir, 'use.mjs'), `
      import fs from 'node:fs';
      import { loadForecaster } from './forecast.mjs';
      const f = loadForecaster(fs.readFileSync(new URL('./model.json', import.meta.url), 'utf8'));
      console.log(JSON.stringify(await f.forecast({ history: ${JSON.stringify(historyRows({ id: '', fitted: 132, all }, 132))} })));
    `);
    const newer = JSON.parse(nodeIn(dir, ['use.mjs']).stdout) as ForecastPoint[];
    const moved = loadForecastModel(ets.perSeries![0]).update(all.values.slice(132)).forecast(12, [80, 95]);
    newer.forEach((p, j) => expect(p.mean).toBe(moved.mean[j]));
    fs.rmSync(path.join(dir, 'use.mjs'));
  });

  it('refuses to replace files unless forced, naming them, and writes nothing', async () => {
    const dir = path.join(work, 'taken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'README.md'), '# mine\n');
    fs.writeFileSync(path.join(dir, 'model.json'), '{}');
    const err = await exportTo(dir, ets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', details: { files: [path.join(dir, 'model.json'), path.join(dir, 'README.md')] } });
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'model.json']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
    const r = await exportTo(dir, ets, true);
    expect(r.parity.passed).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).not.toBe('# mine\n');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it('refuses a bundle that does not forecast as the app, writing nothing', async () => {
    const dir = path.join(work, 'broken');
    // A stored forecast the model cannot have made (one mean off by a millionth): the check must catch it.
    const [fromFit] = await engineCases(ets);
    const expected = fromFit.expected.map((p, j) => (j === 5 ? { ...p, mean: p.mean * (1 + 1e-6) } : p));
    const stored = { name: 'stored', request: fromFit.request, expected };
    const err = await exportForecast({ outDir: dir, force: false, ref: 'x', version: null }, ctx, { artifact: ets, run, stored }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/does not reproduce the app's forecasts.*nothing was written/) });
    expect(fs.existsSync(dir)).toBe(false);
  });
});
