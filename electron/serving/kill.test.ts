import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_FILE_PATTERN, predictionLineSchema } from '../../shared/serving/index';
import { writeServingBundle } from '../../tests/helpers/serving-bundle';

const main = path.resolve(import.meta.dirname, 'main.ts');
let tmp: string;
let bundle: string;
let logs: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-serve-kill-'));
  bundle = path.join(tmp, 'v1');
  logs = path.join(tmp, 'logs');
  await writeServingBundle(bundle, { version: '1.0' });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Starts `server.mjs`'s entry from the sources in its own process and waits for its `listening on URL` line. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--model-dir', bundle, '--port', '0', '--logs', logs], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '', err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

/** Every line of every predictions file: all must parse as prediction lines. */
function predictionLines(): { file: string; lines: number }[] {
  return fs.readdirSync(logs).filter((n) => LOG_FILE_PATTERN.exec(n)?.[1] === 'predictions').map((file) => {
    const text = fs.readFileSync(path.join(logs, file), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').filter(Boolean);
    for (const l of lines) predictionLineSchema.parse(JSON.parse(l));
    return { file, lines: lines.length };
  });
}

describe('the server process under kill -9', () => {
  it('loses no answered row: the log is whole JSON lines, at least one per answer, and a restart writes on beside it', async () => {
    const { child, url } = await startChild();
    const exit = exited(child);
    let answered = 0;
    let stop = false;
    const body = JSON.stringify({ rows: [{ x1: 0.2, x2: 0.1, c: 'blue' }, { x1: -0.5, x2: 0.7, c: 'red' }] });
    // Eight clients in a loop until the process dies under them.
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          const r = await fetch(url + '/predict', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          if (r.status === 200) {
            await r.json();
            answered += 2;
          }
        } catch {
          return;
        }
      }
    });
    while (answered < 2000) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');
    stop = true;
    await Promise.all(clients);
    const afterKill = predictionLines();
    expect(afterKill).toHaveLength(1);
    // Rows are written before their answer leaves, so every answer the clients saw is in the file.
    expect(afterKill[0].lines).toBeGreaterThanOrEqual(answered);

    const again = await startChild();
    const r = await fetch(again.url + '/predict', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    const cleanExit = exited(again.child);
    again.child.kill('SIGTERM');
    expect((await cleanExit).code).toBe(0);
    const files = predictionLines();
    expect(files).toHaveLength(2);
    expect(files.find((f) => f.file === afterKill[0].file)!.lines).toBe(afterKill[0].lines);
    expect(files.find((f) => f.file !== afterKill[0].file)!.lines).toBe(2);
  }, 60_000);
});
