import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServingBundle } from '../../../tests/helpers/serving-bundle';
import { buildServerModule } from './server-build';
import { dockerfile, serverPackageJson, systemdUnit } from './server-files';

let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-server-mjs-'));
  await writeServingBundle(path.join(tmp, 'bundle'), { version: '2.0.0' });
  fs.writeFileSync(path.join(tmp, 'bundle', 'server.mjs'), await buildServerModule());
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('server.mjs, the standalone server in a bundle', () => {
  it('imports only Node built-ins and onnxruntime-node', () => {
    const text = fs.readFileSync(path.join(tmp, 'bundle', 'server.mjs'), 'utf8');
    const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s.startsWith('node:') && s !== 'onnxruntime-node' && !/^[a-z_]+$/.test(s))).toEqual([]);
    expect(text).not.toMatch(/better-sqlite3|electron\/host/);
  });

  it('runs from the bundle folder with plain node: predicts, then drains on SIGTERM', async () => {
    // onnxruntime-node from this checkout stands in for the bundle's own `npm install`.
    const env = { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../../../node_modules'), LATHE_SERVE_TOKEN: 'tok' };
    const child = spawn(process.execPath, ['server.mjs', '--model-dir', '.', '--port', '0', '--logs', 'logs'], { cwd: path.join(tmp, 'bundle'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /^listening on (http:\/\/\S+)$/m.exec(out);
        if (m) resolve(m[1]);
      });
      void exit.then((code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const r = await fetch(url + '/predict', { method: 'POST', headers: { authorization: 'Bearer tok' }, body: JSON.stringify({ rows: [{ x1: 0.9, x2: -0.8, c: 'red' }] }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { predictions: { version: string; prediction: string }[] };
    expect(body.predictions[0]).toMatchObject({ version: '2.0.0', prediction: 'yes' });
    expect((await fetch(url + '/predict', { method: 'POST', body: '{}' })).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const logged = fs.readdirSync(path.join(tmp, 'bundle', 'logs')).filter((f) => f.startsWith('predictions-'));
    expect(logged).toHaveLength(1);
    expect(fs.readFileSync(path.join(tmp, 'bundle', 'logs', logged[0]), 'utf8').trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('carries package.json with onnxruntime-node pinned, a Dockerfile and a systemd unit that start it', () => {
    expect(JSON.parse(serverPackageJson('Churn Model@1.2.0'.split('@')[0], '1.30.0'))).toMatchObject({ name: 'lathe-model-churn-model', dependencies: { 'onnxruntime-node': '1.30.0' } });
    expect(dockerfile()).toMatch(/CMD \["node", "server.mjs", "--model-dir", "\."/);
    expect(systemdUnit('churn@1.2.0')).toMatch(/^ExecStart=.*node server\.mjs --model-dir \. /m);
  });
});
