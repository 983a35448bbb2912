import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { gaussian, mulberry32 } from '../../models/split/prng';

const home = tempHome();
afterAll(() => home.cleanup());
const lathe = latheIn(home.dir);

describe('lathe ensemble', () => {
  it('--json prints the run, version, method, weights, metrics and members; the text is a table', () => {
    const rand = mulberry32(5);
    const rows = ['a,b,y'];
    for (let i = 0; i < 300; i++) {
      const a = rand() * 2 - 1, b = rand() * 2 - 1;
      rows.push(`${a},${b},${2 * a - b + Math.sin(3 * b) + 0.3 * gaussian(rand)}`);
    }
    const file = path.join(home.dir, 'synth.csv');
    fs.writeFileSync(file, rows.join('\n') + '\n');
    expect(lathe('--json', 'import', file, '--name', 'synth').code).toBe(0);
    for (const [name, ...model] of [['lin', 'linear'], ['gb', 'gbdt', '--param', 'trees=20']]) {
      const run = JSON.parse(lathe('--json', 'train', '--dataset', 'synth', '--target', 'y', '--model', ...model).stdout);
      expect(lathe('register', run.runId, '--name', name).code).toBe(0);
    }
    const r = lathe('--json', 'ensemble', '--name', 'both', '--members', 'lin@1.0.0,gb@1.0.0', '--method', 'weighted');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['runId', 'version', 'method', 'weights', 'metrics', 'members']);
    expect(out).toMatchObject({ version: '1.0.0', method: 'weighted' });
    expect(out.weights[0] + out.weights[1]).toBeCloseTo(1, 12);
    expect(out.members.map((m: { ref: string }) => m.ref)).toEqual(['lin@1.0.0', 'gb@1.0.0']);
    expect(out.metrics.rmse).toBeLessThanOrEqual(Math.min(...out.members.map((m: { metrics: { rmse: number } }) => m.metrics.rmse)) + 1e-9);

    const text = lathe('ensemble', '--name', 'both', '--members', 'lin@1.0.0,gb@1.0.0');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^both@1\.1\.0 · run [0-9a-f-]{36} · mean of 2 models$/);
    expect(lines[1]).toMatch(/^model\s+weight\s+rmse/);
    expect(lines[2]).toMatch(/^lin@1\.0\.0 \(linear\)\s+0\.500\s/);
    expect(lines[4]).toMatch(/^ensemble \(mean\)\s+\d/);

    const refused = lathe('ensemble', '--name', 'both', '--members', 'lin@1.0.0,gone@2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Member gone@2: No model version 'gone@2'/);
  }, 120_000);
});
