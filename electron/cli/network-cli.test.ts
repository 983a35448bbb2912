import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { mulberry32 } from '../../models/split/prng';

const home = tempHome();
afterAll(() => home.cleanup());
const lathe = latheIn(home.dir);

describe('lathe train --arch and lathe runs resume', () => {
  it('trains a network from an architecture file, names a bad layer or a missing file, and refuses to resume a finished run', () => {
    const rand = mulberry32(3);
    const rows = ['a,b,y'];
    for (let i = 0; i < 200; i++) {
      const a = rand() * 2 - 1, b = rand() * 2 - 1;
      rows.push(`${a},${b},${2 * a - b}`);
    }
    const data = path.join(home.dir, 'rows.csv');
    fs.writeFileSync(data, rows.join('\n') + '\n');
    expect(lathe('--json', 'import', data, '--name', 'rows').code).toBe(0);

    const arch = path.join(home.dir, 'net.json');
    fs.writeFileSync(arch, JSON.stringify({ layers: [{ type: 'dense', units: 8, activation: 'tanh' }, { type: 'layerNorm' }, { type: 'output' }] }));
    const ok = lathe('--json', 'train', '--dataset', 'rows', '--target', 'y', '--model', 'mlp', '--arch', arch, '--param', 'epochs=2');
    expect(ok.code, ok.stderr).toBe(0);
    const run = JSON.parse(ok.stdout);
    expect(run).toMatchObject({ model: 'mlp', task: 'regression' });

    fs.writeFileSync(arch, JSON.stringify({ layers: [{ type: 'dense', units: 8 }, { type: 'dense', units: -4 }, { type: 'output' }] }));
    const bad = lathe('--json', 'train', '--dataset', 'rows', '--target', 'y', '--model', 'mlp', '--arch', arch);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('layer 1 (dense): units must be ≥ 1, got -4') });

    const missing = lathe('train', '--dataset', 'rows', '--target', 'y', '--model', 'mlp', '--arch', path.join(home.dir, 'nope.json'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Cannot read the architecture file');

    const resume = lathe('--json', 'runs', 'resume', run.runId);
    expect(resume.code).not.toBe(0);
    expect(JSON.parse(resume.stdout).error).toMatchObject({ code: 'conflict', message: expect.stringContaining('only a stopped run can be resumed') });
  }, 120_000);

  it('trains ncf from an architecture file with --task recommend and names a bad layer', () => {
    const rand = mulberry32(4);
    const rows = ['user,item,stars'];
    for (let u = 0; u < 30; u++) for (let n = 0; n < 6; n++) rows.push(`u${u},i${Math.floor(rand() * 20)},${1 + Math.floor(rand() * 5)}`);
    const data = path.join(home.dir, 'ratings.csv');
    fs.writeFileSync(data, rows.join('\n') + '\n');
    expect(lathe('--json', 'import', data, '--name', 'ratings').code).toBe(0);
    const arch = path.join(home.dir, 'ncf.json');
    const tower = (dense: object) => ({ layers: [{ type: 'branches', branches: [[{ type: 'pairEmbedding', outputDim: 3 }], [{ type: 'pairEmbedding', outputDim: 4, combine: 'concat' }, dense]] }, { type: 'output', activation: 'sigmoid' }] });
    const args = ['--json', 'train', '--task', 'recommend', '--dataset', 'ratings', '--user', 'user', '--item', 'item', '--rating', 'stars', '--model', 'ncf', '--arch', arch, '--param', 'epochs=1'];
    fs.writeFileSync(arch, JSON.stringify(tower({ type: 'dense', units: 5 })));
    const ok = lathe(...args);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ model: 'ncf', task: 'recommend' });
    fs.writeFileSync(arch, JSON.stringify(tower({ type: 'dense', units: 0 })));
    const bad = lathe(...args);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('layer 0.1.1 (dense): units must be ≥ 1, got 0') });
  }, 120_000);
});
