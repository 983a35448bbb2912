import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { ApiError } from '../../../shared/api/errors';
import { writeBundle } from './bundle';
import { cleanLeftovers, TEMP_PREFIX } from '../../data/output-files';
import { outPath, withForceHint } from '../../cli/commands/export';

let fx: ReturnType<typeof coreFixture>;
let runId: string;
let input: string;

beforeAll(async () => {
  fx = coreFixture();
  input = path.join(fx.home, 'houses.csv');
  const lines = ['rooms,area,city,price'];
  for (let i = 0; i < 400; i++) lines.push(`${1 + (i % 6)},${40 + ((i * 7) % 160)},${['a', 'b', 'c'][i % 3]},${100 + (i % 6) * 30 + ((i * 7) % 160) + (i % 3) * 5}`);
  fs.writeFileSync(input, lines.join('\n') + '\n');
  await importFile(fx.core, { path: input, name: 'houses' });
  const { runId: id, jobId } = await fx.core.call('runs.start', { dataset: 'houses', target: 'price', params: { trees: 5 } });
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  runId = id;
});
afterAll(() => fx.close());

const tempsIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX));

async function predict(args: { input: string; out: string; force?: boolean }) {
  const { jobId } = await fx.core.call('models.predict', { model: runId, ...args });
  return fx.core.ctx.jobs.wait(jobId);
}

describe('predictions never replace a file unless asked', () => {
  it('refuses an existing --out at once, naming it, and leaves it as it was', async () => {
    const out = path.join(fx.home, 'report.csv');
    fs.writeFileSync(out, 'my own report\n');
    const err = await fx.core.call('models.predict', { model: runId, input, out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', details: { files: [out] } });
    expect((err as Error).message).toMatch(/already has report\.csv/);
    expect(fs.readFileSync(out, 'utf8')).toBe('my own report\n');
  });

  it('keeps an existing --out when the input is wrong, even with force', async () => {
    const out = path.join(fx.home, 'kept.csv');
    fs.writeFileSync(out, 'my own report\n');
    const wrong = path.join(fx.home, 'wrong.csv');
    fs.writeFileSync(wrong, 'rooms\n1\n');
    const job = await predict({ input: wrong, out, force: true });
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/wrong\.csv lacks the columns the model needs/);
    expect(fs.readFileSync(out, 'utf8')).toBe('my own report\n');
    expect(tempsIn(fx.home)).toEqual([]);
  });

  it('replaces it when asked, whole, leaving no temporary file', async () => {
    const out = path.join(fx.home, 'replaced.csv');
    fs.writeFileSync(out, 'old\n');
    const job = await predict({ input, out, force: true });
    expect(job.status).toBe('succeeded');
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(401);
    expect(lines[0]).toBe('rooms,area,city,price,predicted_price,lower,upper');
    expect(tempsIn(fx.home)).toEqual([]);
  });

  it('refuses empty and blank paths rather than writing into the current folder', async () => {
    for (const out of ['', '   ']) {
      await expect(fx.core.call('models.predict', { model: runId, input, out })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'out' } });
      await expect(fx.core.call('models.export', { model: runId, outDir: out })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'outDir' } });
    }
    expect(() => outPath('', 'a folder')).toThrow(/--out must name a folder; it is empty/);
    expect(outPath('x', 'a file')).toBe(path.resolve('x'));
  });
});

describe('exports never replace a file unless asked', () => {
  it('refuses a folder holding a README.md, before any work, writing nothing', async () => {
    const dir = path.join(fx.home, 'has-readme');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'README.md'), '# my project\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    const err = await fx.core.call('models.export', { model: runId, outDir: dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', details: { files: [path.join(dir, 'README.md')] } });
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'notes.txt']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# my project\n');
    // The CLI says how to replace them.
    expect((withForceHint(err) as Error).message).toMatch(/README\.md; nothing was written or replaced\. Pass --force to replace/);
  });

  it('replaces the bundle files when asked, and only those', async () => {
    const dir = path.join(fx.home, 'has-readme');
    const r = await fx.core.call('models.export', { model: runId, outDir: dir, force: true });
    expect(r.parity.passed).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['Dockerfile', 'README.md', 'lathe-model.service', 'manifest.json', 'model.onnx', 'notes.txt', 'package.json', 'serve-node.mjs', 'serve.py', 'server.mjs']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).not.toBe('# my project\n');
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    // A second export to the same folder is a conflict over every file of the bundle.
    const again = await fx.core.call('models.export', { model: runId, outDir: dir }).catch((e: unknown) => e);
    expect((again as ApiError).details).toEqual({ files: ['model.onnx', 'manifest.json', 'README.md', 'serve-node.mjs', 'serve.py', 'server.mjs', 'package.json', 'Dockerfile', 'lathe-model.service'].map((f) => path.join(dir, f)) });
  });

  it('cleans what an interrupted export left in the folder', async () => {
    const dir = path.join(fx.home, 'interrupted');
    fs.mkdirSync(dir);
    // A process that is gone (it ran and ended) left half a model under a temporary name.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const leftover = path.join(dir, `${TEMP_PREFIX}${gone.stdout.trim()}-0a1b2c3d-model.onnx`);
    fs.writeFileSync(leftover, 'half a model');
    // One of a live process (this one) that is recent is another export at work: kept.
    const live = path.join(dir, `${TEMP_PREFIX}${process.pid}-0a1b2c3d-model.onnx`);
    fs.writeFileSync(live, 'in progress');
    await fx.core.call('models.export', { model: runId, outDir: dir });
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    // …until it is an hour old.
    expect(cleanLeftovers(dir, Date.now() + 2 * 3600_000)).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['Dockerfile', 'README.md', 'lathe-model.service', 'manifest.json', 'model.onnx', 'package.json', 'serve-node.mjs', 'serve.py', 'server.mjs']);
  });
});

describe('writeBundle', () => {
  it('a write that fails midway leaves no file under a real name and no temporary file', () => {
    const dir = path.join(fx.home, 'midway');
    const files = { 'model.onnx': new Uint8Array(1024), 'README.md': 'readme', 'serve.py': 42 as unknown as string, 'manifest.json': '{}' };
    expect(() => writeBundle(dir, files, { force: false })).toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('puts the manifest in place last, so a bundle with a manifest is complete', () => {
    const dir = path.join(fx.home, 'order');
    fs.mkdirSync(dir);
    const seen: string[][] = [];
    const rename = fs.renameSync;
    const link = fs.linkSync;
    // Records what the folder holds under real names at each step.
    const record = () => seen.push(fs.readdirSync(dir).filter((f) => !f.startsWith(TEMP_PREFIX)).sort());
    try {
      fs.renameSync = ((a: fs.PathLike, b: fs.PathLike) => (rename(a, b), record())) as typeof fs.renameSync;
      fs.linkSync = ((a: fs.PathLike, b: fs.PathLike) => (link(a, b), record())) as typeof fs.linkSync;
      writeBundle(dir, { 'manifest.json': '{}', 'model.onnx': 'm', 'README.md': 'r' }, { force: false });
    } finally {
      fs.renameSync = rename;
      fs.linkSync = link;
    }
    expect(seen.at(-1)).toEqual(['README.md', 'manifest.json', 'model.onnx']);
    expect(seen.slice(0, -1).every((s) => !s.includes('manifest.json'))).toBe(true);
    // Replacing: the old manifest goes first, the new one comes last.
    seen.length = 0;
    try {
      fs.renameSync = ((a: fs.PathLike, b: fs.PathLike) => (rename(a, b), record())) as typeof fs.renameSync;
      writeBundle(dir, { 'manifest.json': '{"v":2}', 'model.onnx': 'm2', 'README.md': 'r2' }, { force: true });
    } finally {
      fs.renameSync = rename;
    }
    expect(seen.slice(0, -1).every((s) => !s.includes('manifest.json'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe('{"v":2}');
    expect(tempsIn(dir)).toEqual([]);
  });
});
