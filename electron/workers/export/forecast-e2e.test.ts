/** A forecast run through the core, exported: the bundle reproduces the run's own final forecast. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import type { ForecastPoint } from '../../../models/forecast/runtime';
import { loadOrt } from './ort';

let fx: ReturnType<typeof coreFixture>;
const airline = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/samples/airline_passengers/airline-passengers.csv'), 'utf8').trim().split('\n');

function write(name: string, lines: string[]): string {
  const file = path.join(fx.home, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Two shops, daily, a weekly pattern and a promo flag that lifts sales; `future` more days with the flag only. */
function shopLines(days: number, future: number): string[] {
  const lines = ['day,shop,sales,promo'];
  for (const [s, level] of [['north', 100], ['south', 40]] as const) {
    for (let d = 0; d < days + future; d++) {
      const promo = (d * 7 + (s === 'north' ? 3 : 0)) % 11 < 2 ? 1 : 0;
      const sales = level * [1, 1.1, 1.05, 1, 1.2, 1.5, 0.7][d % 7] + 0.1 * d + 25 * promo + ((d * 37) % 13) - 6;
      lines.push(`${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${s},${d < days ? sales.toFixed(2) : ''},${promo}`);
    }
  }
  return lines;
}

beforeAll(async () => {
  fx = coreFixture();
  const [header, ...rows] = airline;
  const cut = rows.findIndex((r) => r.startsWith('"1959-01'));
  await importFile(fx.core, { path: write('air-train.csv', [header, ...rows.slice(0, cut)]), name: 'air-train' });
  await importFile(fx.core, { path: write('air-test.csv', [header, ...rows.slice(cut)]), name: 'air-test' });
  await importFile(fx.core, { path: write('shops.csv', shopLines(140, 0)), name: 'shops' });
});
afterAll(() => fx.close());

async function forecastRun(args: Record<string, unknown>): Promise<string> {
  const started = await fx.core.call('forecast.start', args as never);
  await fx.core.jobResult('forecast.train', started.jobId);
  return started.runId;
}

describe('exporting a forecast run through the core', () => {
  it('ets with a test dataset: the bundle forecasts what the run did after the test data', async () => {
    const runId = await forecastRun({ dataset: 'air-train', testDataset: 'air-test', time: 'Month', target: 'Passengers', horizon: 12, model: 'ets' });
    const outDir = path.join(fx.home, 'air-bundle');
    const r = await fx.core.call('models.export', { model: runId, outDir });
    expect(r.format).toBe('forecast');
    // From the fit, after three newer values, and the run's own final forecast: 12 points each.
    expect(r.parity).toMatchObject({ rows: 36, labelMismatches: 0, passed: true });
    const stored = (await fx.core.call('runs.get', { id: runId })).forecast!.series[0].forecast;
    expect(new Date(stored[0].t).toISOString().slice(0, 7)).toBe('1961-01');
    // The bundle alone, on no history: the run's final forecast.
    const cli = spawnSync(process.execPath, ['forecast.mjs'], { cwd: outDir, input: '{}', encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    const got = JSON.parse(cli.stdout) as ForecastPoint[];
    got.forEach((p, j) => {
      expect(p.t).toBe(new Date(stored[j].t).toISOString());
      expect(p.mean).toBe(stored[j].mean);
      expect(p.lower95).toBe(stored[j].lower['95']);
    });
    // Exporting again is a conflict over the bundle's files; a tabular format is refused for a forecast run.
    await expect(fx.core.call('models.export', { model: runId, outDir })).rejects.toMatchObject({ code: 'conflict' });
    await expect(fx.core.call('models.export', { model: runId, outDir: path.join(fx.home, 'tfjs'), format: 'tfjs' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'format' } });
  }, 120_000);

  it('gbdt across two series with a past-only covariate: parity with the run, trees in ONNX', async () => {
    const runId = await forecastRun({ dataset: 'shops', time: 'day', target: 'sales', series: 'shop', covariates: ['promo'], horizon: 14, model: 'gbdt', params: { trees: 60 } });
    const outDir = path.join(fx.home, 'shops-bundle');
    const r = await fx.core.call('models.export', { model: runId, outDir });
    expect(r.parity.passed).toBe(true);
    // Engine checks on both series (2 × 2 × 14) and the run's final forecast (2 × 14).
    expect(r.parity.rows).toBe(84);
    expect(fs.readdirSync(outDir).sort()).toEqual(['README.md', 'example-request.json', 'forecast.mjs', 'forecast.py', 'manifest.json', 'model.json', 'model.onnx']);
    const stored = (await fx.core.call('runs.get', { id: runId })).forecast!.series;
    // The dataset's rows as history (the promo flags the features read); the bundle forecasts as the run did.
    const history = shopLines(140, 0).slice(1).map((l) => l.split(',')).map(([day, shop, sales, promo]) => ({ day, shop, sales: Number(sales), promo: Number(promo) }));
    const cli = spawnSync(process.execPath, ['forecast.mjs'], { cwd: outDir, input: JSON.stringify({ history }), encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    const got = JSON.parse(cli.stdout) as ForecastPoint[];
    const want = stored.flatMap((s) => s.forecast.map((p) => ({ series: s.id, t: new Date(p.t).toISOString(), mean: p.mean })));
    expect(want[0].t.slice(0, 10)).toBe('2024-05-20');
    expect(got.map((p) => ({ series: p.series, t: p.t, mean: p.mean }))).toEqual(want);
    // The trees in onnxruntime, fed the module's feature rows, give the first step of each series.
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.onnx.parity.rows).toBe(2);
    expect(manifest.onnx.parity.maxRel).toBeLessThanOrEqual(1e-5);
    const features = spawnSync(process.execPath, ['forecast.mjs', '--features'], { cwd: outDir, input: JSON.stringify({ history }), encoding: 'utf8' });
    const { names, rows: featureRows } = JSON.parse(features.stdout) as { names: string[]; rows: { series: string; t: string; features: number[]; anchor: number; scale: number }[] };
    expect(names.slice(0, 2)).toEqual(['series', 'lag 1']);
    expect(featureRows.map((r) => [r.series, r.t])).toEqual([['north', got[0].t], ['south', got[14].t]]);
    const ort = loadOrt();
    const session = await ort.InferenceSession.create(fs.readFileSync(path.join(outDir, 'model.onnx')));
    const x = Float32Array.from(featureRows.flatMap((r) => r.features.map((v) => v ?? NaN)));
    const p = (await session.run({ features: new ort.Tensor('float32', x, [2, names.length]) })).prediction.data as Float32Array;
    featureRows.forEach((r, i) => expect(Math.abs((p[i] + r.anchor) * r.scale - got[i * 14].mean)).toBeLessThanOrEqual(1e-5 * Math.abs(got[i * 14].mean)));
  }, 180_000);

  it('lstm: parity with the run, the network as a TF.js layers model', async () => {
    const runId = await forecastRun({ dataset: 'shops', time: 'day', target: 'sales', series: 'shop', horizon: 7, model: 'lstm', params: { epochs: 3, units: [8] } });
    const outDir = path.join(fx.home, 'lstm-bundle');
    const r = await fx.core.call('models.export', { model: runId, outDir });
    expect(r.parity).toMatchObject({ rows: 2 * 2 * 7 + 2 * 7, passed: true });
    expect(fs.readdirSync(outDir).sort()).toEqual(['README.md', 'example-request.json', 'forecast.mjs', 'forecast.py', 'lstm-model.json', 'lstm-weights.bin', 'manifest.json', 'model.json']);
    const layers = JSON.parse(fs.readFileSync(path.join(outDir, 'lstm-model.json'), 'utf8'));
    expect(layers.weightsManifest[0].paths).toEqual(['lstm-weights.bin']);
    expect(fs.readFileSync(path.join(outDir, 'README.md'), 'utf8')).toMatch(/tf\.loadLayersModel/);
  }, 180_000);
});
