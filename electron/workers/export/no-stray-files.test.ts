import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-stray-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** import → profile → train → export → predict through the core, in a process of its own. */
const SCRIPT = `
import path from 'node:path';
import { createCore } from ${JSON.stringify(pathToFileURL(path.join(root, 'electron/host/core.ts')).href)};
const [home, out, csv] = process.argv.slice(2);
const core = createCore({ home, host: 'browser' });
try {
  const imported = await core.jobResult('datasets.import', (await core.call('datasets.import', { path: csv, name: 'houses' })).jobId);
  const { runId, jobId } = await core.call('runs.start', { dataset: 'houses', target: 'price', params: { trees: 5 } });
  await core.jobResult('runs.train', jobId);
  await core.call('models.export', { model: runId, outDir: path.join(out, 'bundle') });
  await core.jobResult('models.predict', (await core.call('models.predict', { model: runId, input: csv, out: path.join(out, 'predictions.csv') })).jobId);
  await core.call('datasets.profile', { id: imported.id });
  console.log('cycle done');
} finally {
  await core.close();
}
`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const listAll = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

describe('what a full cycle writes', () => {
  it('writes nothing outside the data folder and the chosen output folder', async () => {
    const elsewhere = path.join(work, 'home'); // HOME, the caches and the temp folder
    const home = path.join(work, 'data');
    const out = path.join(work, 'out');
    for (const d of [elsewhere, home, out]) fs.mkdirSync(d);
    const csv = path.join(work, 'houses.csv');
    const lines = ['rooms,area,city,price'];
    for (let i = 0; i < 300; i++) lines.push(`${1 + (i % 6)},${40 + ((i * 7) % 160)},${['a', 'b', 'c'][i % 3]},${100 + (i % 6) * 30 + ((i * 7) % 160)}`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const script = path.join(work, 'cycle.mts');
    fs.writeFileSync(script, SCRIPT);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: elsewhere,
      XDG_CACHE_HOME: path.join(elsewhere, '.cache'),
      XDG_CONFIG_HOME: path.join(elsewhere, '.config'),
      XDG_DATA_HOME: path.join(elsewhere, '.local/share'),
      TMPDIR: elsewhere,
      // tsx's own transform cache (a development tool running the sources, not Lathe) would go to TMPDIR.
      TSX_DISABLE_CACHE: '1',
    };
    const r = await run(['--import', 'tsx', script, home, out, csv], env);
    expect(r.output).toContain('cycle done');
    expect(r.code).toBe(0);
    expect(listAll(elsewhere)).toEqual([]);
    expect(listAll(out)).toEqual(['bundle', 'bundle/Dockerfile', 'bundle/README.md', 'bundle/lathe-model.service', 'bundle/manifest.json', 'bundle/model.onnx', 'bundle/package.json', 'bundle/serve-node.mjs', 'bundle/serve.py', 'bundle/server.mjs', 'predictions.csv']);
    expect(listAll(home)).toContain('lathe.db');
  }, 180_000);
});
