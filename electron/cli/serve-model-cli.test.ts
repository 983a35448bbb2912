import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionLineSchema, feedbackLineSchema, predictionLineSchema } from '../../shared/serving/index';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { readLogLines } from '../serving/logs';

const home = tempHome('lathe-serve-cli-');
afterAll(() => home.cleanup());
const lathe = latheIn(home.dir);
const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');
const HEADER = 'age,workclass,fnlwgt,education,education_num,marital,occupation,relationship,race,sex,capital_gain,capital_loss,hours,country,income';
const adult = fs.readFileSync(path.resolve(import.meta.dirname, '../../resources/samples/adult/adult-train.csv'), 'utf8').split('\n');
const file = (name: string, text: string) => (fs.writeFileSync(path.join(home.dir, name), text), path.join(home.dir, name));

beforeAll(() => {
  const csv = file('adult.csv', [HEADER, ...adult.slice(0, 3000)].join('\n') + '\n');
  file('replay.csv', [HEADER, ...adult.slice(3000, 5000)].join('\n') + '\n');
  expect(lathe('--json', 'import', csv, '--name', 'adult').code).toBe(0);
  for (const model of ['linear', 'gbdt']) {
    const run = JSON.parse(lathe('--json', 'train', '--dataset', 'adult', '--target', 'income', '--model', model).stdout);
    expect(lathe('register', run.runId, '--name', 'income').code).toBe(0);
  }
  expect(lathe('promote', 'income@1.0.0', '--alias', 'production').code).toBe(0);
  file('canary.json', JSON.stringify({ kind: 'canary', candidate: '1.1.0', steps: [{ weight: 10, minDecisions: 300 }, { weight: 50, minDecisions: 300 }], analysis: { metric: { name: 'accuracy', margin: 0.01 } } }));
}, 120_000);

describe('lathe serve-model', () => {
  it('--help names the policy, port, host, token and logs options', () => {
    const r = lathe('serve-model', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--policy', '--port', '--host', '--token', '--logs']) expect(r.stdout).toContain(flag);
  });

  it('refuses an unknown version and a bad policy file by name, before listening', () => {
    const missing = lathe('--json', 'serve-model', 'income@7.0.0');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.message).toMatch(/no version or alias '7\.0\.0'/);
    const bad = file('bad.json', '{"kind": "canary",\n  "candidate": }');
    const r = lathe('--json', 'serve-model', 'income', '--policy', bad);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'bad_request', details: { field: 'policy' } });
    expect(JSON.parse(r.stdout).error.message).toMatch(/bad\.json:2:\d+: not valid JSON/);
    const wrong = file('wrong.json', JSON.stringify({ kind: 'canary', candidate: '1.1.0', steps: [{ weight: 150 }] }));
    expect(JSON.parse(lathe('--json', 'serve-model', 'income', '--policy', wrong).stdout).error.message).toMatch(/steps\.0\.weight/);
  });

  it('serves a canary of two registered versions, says where with --json, and drains on SIGTERM', async () => {
    const logs = path.join(home.dir, 'logs');
    const child = spawn(process.execPath, [bin, '--home', home.dir, '--json', 'serve-model', 'income', '--policy', path.join(home.dir, 'canary.json'), '--port', '0', '--logs', logs], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LATHE_HOME: '' } });
    const exit = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const started = await new Promise<{ listening: string; versions: { version: string; role: string }[]; policy: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
      });
      void exit.then((c) => reject(new Error(`exited ${c}: ${err}`)));
    });
    expect(started.policy).toBe('canary');
    expect(started.versions.map((v) => `${v.version} ${v.role}`)).toEqual(['1.0.0 stable', '1.1.0 candidate']);
    const row = Object.fromEntries(HEADER.split(',').slice(0, -1).map((k, i) => [k, adult[0].split(',')[i].trim()]).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));
    const r = await fetch(started.listening + '/predict', { method: 'POST', body: JSON.stringify({ rows: [row, row, row] }) });
    expect(r.status).toBe(200);
    const { predictions } = (await r.json()) as { predictions: { version: string; prediction: string }[] };
    expect(predictions.every((p) => ['<=50K', '>50K'].includes(p.prediction))).toBe(true);
    const health = (await (await fetch(started.listening + '/health')).json()) as { canary: { step: number; state: string } };
    expect(health.canary).toEqual({ step: 0, state: 'progressing' });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    // Both versions scored each row while the canary runs; one answer each was served.
    const lines = readLogLines(logs, 'predictions').map((l) => predictionLineSchema.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.served)).toHaveLength(3);
  }, 60_000);
});

describe('lathe deployments replay', () => {
  it('rolls back a candidate with injected errors, writing logs a live server would, and reports it with --json', () => {
    const logs = path.join(home.dir, 'replay-logs');
    const r = lathe('--json', 'deployments', 'replay', 'income', '--file', path.join(home.dir, 'replay.csv'), '--target', 'income', '--policy', path.join(home.dir, 'canary.json'), '--logs', logs, '--candidate-noise', '0.2');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.final).toBe('rolled-back');
    expect(out.actions.at(-1).action).toBe('rollback');
    expect(out.rows).toBe(2000);
    for (const l of readLogLines(logs, 'decisions')) decisionLineSchema.parse(l);
    expect(readLogLines(logs, 'feedback').map((l) => feedbackLineSchema.parse(l))).toHaveLength(2000);
    const text = lathe('deployments', 'replay', 'income', '--file', path.join(home.dir, 'replay.csv'), '--target', 'nope', '--policy', path.join(home.dir, 'canary.json'), '--logs', logs);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/has no column 'nope'/);
  }, 60_000);
});
