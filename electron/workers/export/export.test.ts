import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../../host/datasets/samples';

let fx: ReturnType<typeof coreFixture>;

async function train(args: Parameters<typeof fx.core.call<'runs.start'>>[1]) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  return runId;
}

beforeAll(async () => {
  fx = coreFixture();
  await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv'), name: 'housing' });
  await importFile(fx.core, { path: path.join(samplesDir(), 'adult/adult-train.csv'), name: 'adult', columns: ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'] });
});
afterAll(() => fx.close());

describe('export', () => {
  it('exports a registered gbdt with parity, latency and a complete bundle', async () => {
    const runId = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 50 } });
    await fx.core.call('models.register', { runId, name: 'prices' });
    const out = path.join(fx.home, 'bundle');
    const r = await fx.core.call('models.export', { model: 'prices@1.0.0', outDir: out });
    expect(r.parity.passed).toBe(true);
    expect(r.parity.maxRel).toBeLessThan(1e-4);
    expect(r.parity.rows).toBeGreaterThan(1000);
    expect(r.latency.singleP50Us).toBeGreaterThan(0);
    expect(r.latency.batchRowsPerSec).toBeGreaterThan(0);
    expect(fs.readdirSync(out).sort()).toEqual(['Dockerfile', 'README.md', 'lathe-model.service', 'manifest.json', 'model.onnx', 'package.json', 'serve-node.mjs', 'serve.py', 'server.mjs']);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ model: 'prices@1.0.0', version: '1.0.0', task: 'regression', target: 'median_house_value' });
    expect(manifest.datasetSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.inputs.map((i: { column: string }) => i.column)).toContain('ocean_proximity');
  });

  it.each(['linear', 'forest'] as const)('exports a %s classifier on adult with identical labels', async (family) => {
    const runId = await train({ dataset: 'adult', target: 'income', family, params: family === 'forest' ? { trees: 10, maxDepth: 6 } : {} });
    const r = await fx.core.call('models.export', { model: runId, outDir: path.join(fx.home, `adult-${family}`) });
    expect(r.parity).toMatchObject({ passed: true, labelMismatches: 0 });
    expect(r.outputs.map((o) => o.name)).toContain('probabilities');
  });

  it('exports an mlp as TF.js and refuses TF.js for trees', async () => {
    const runId = await train({ dataset: 'housing', target: 'median_house_value', family: 'mlp', params: { hidden: '8', epochs: 2 } });
    const r = await fx.core.call('models.export', { model: runId, format: 'tfjs', outDir: path.join(fx.home, 'tfjs') });
    expect(r.parity.maxRel).toBeLessThan(1e-4);
    expect(fs.existsSync(path.join(fx.home, 'tfjs', 'model.json'))).toBe(true);
    const gbdt = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 5 } });
    await expect(fx.core.call('models.export', { model: gbdt, format: 'tfjs', outDir: path.join(fx.home, 'x') })).rejects.toThrow(/TF.js format is for mlp/);
  });

  it('writes nothing outside the folder whatever the columns are called', async () => {
    const csv = path.join(fx.home, 'evil.csv');
    fs.writeFileSync(csv, '../../escape,..\\x,y\n' + Array.from({ length: 300 }, (_, i) => `${i % 17},${i % 5 === 0 ? 'a' : 'b'},${i * 2 + (i % 3)}`).join('\n'));
    await importFile(fx.core, { path: csv, name: '../../evil' });
    const runId = await train({ dataset: '../../evil', target: 'y', params: { trees: 5 } });
    const out = path.join(fx.home, 'safe', 'inside');
    const before = new Set(fs.readdirSync(fx.home));
    await fx.core.call('models.export', { model: runId, outDir: out });
    expect(fs.readdirSync(out).sort()).toEqual(['Dockerfile', 'README.md', 'lathe-model.service', 'manifest.json', 'model.onnx', 'package.json', 'serve-node.mjs', 'serve.py', 'server.mjs']);
    expect([...fs.readdirSync(fx.home)].filter((f) => !before.has(f))).toEqual(['safe']);
    expect(fs.existsSync(path.join(fx.home, 'escape'))).toBe(false);
  });
});

describe('batch prediction', () => {
  it('predicts a CSV through onnxruntime with progress, matching the run', async () => {
    const runId = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 20 } });
    const out = path.join(fx.home, 'pred.csv');
    const { jobId } = await fx.core.call('models.predict', { model: runId, input: path.join(samplesDir(), 'california_housing/housing.csv'), out });
    const job = await fx.core.ctx.jobs.wait(jobId);
    expect(job.status).toBe('succeeded');
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20641);
    expect(lines[0].split(',').slice(-3)).toEqual(['predicted_median_house_value', 'lower', 'upper']);
    const [pred, lo, hi] = lines[1].split(',').slice(-3).map(Number);
    expect(lo).toBeLessThan(pred);
    expect(hi).toBeGreaterThan(pred);
    // float32 outputs are written with their own digits (206855.81), not as 206855.8125…
    const digits = (s: string) => s.replace(/^-|e.*$/g, '').replace('.', '').replace(/^0+/, '').length;
    const values = lines.slice(1, 200).flatMap((l) => l.split(',').slice(-3));
    for (const v of values) expect(digits(v)).toBeLessThanOrEqual(9);
    const shortened = values.filter((v) => digits(v) < digits(String(Math.fround(Number(v)))));
    expect(shortened.length).toBeGreaterThan(0);
  });

  it('names the columns a CSV lacks', async () => {
    const runId = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 5 } });
    const input = path.join(fx.home, 'partial.csv');
    fs.writeFileSync(input, 'longitude,latitude\n1,2\n');
    const { jobId } = await fx.core.call('models.predict', { model: runId, input, out: path.join(fx.home, 'p2.csv') });
    const job = await fx.core.ctx.jobs.wait(jobId);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/partial\.csv lacks the columns the model needs: housing_median_age/);
  });
});
