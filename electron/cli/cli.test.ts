import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';

const home = tempHome();
afterAll(() => home.cleanup());

const lathe = latheIn();

describe('lathe CLI', () => {
  it('prints help listing its commands', () => {
    const r = lathe('--help');
    expect(r.code).toBe(0);
    for (const word of ['serve', 'info', 'jobs', 'check', '--home', '--json']) expect(r.stdout).toContain(word);
  });

  it('answers --json with machine-readable output in the given home', () => {
    const r = lathe('--home', home.dir, '--json', 'info');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.home).toBe(home.dir);
    expect(info.databasePath).toBe(path.join(home.dir, 'lathe.db'));
  });

  it('runs a job to completion and lists it', () => {
    const r = lathe('--home', home.dir, '--json', 'check', '--seconds', '0.5');
    expect(r.code).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job.status).toBe('succeeded');
    const list = JSON.parse(lathe('--home', home.dir, '--json', 'jobs').stdout);
    expect(list.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('fails with a non-zero exit and a one-line error', () => {
    const r = lathe('--home', home.dir, '--json', 'check', '--seconds', 'abc');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lathe: Invalid argument 'seconds'/);
    expect(JSON.parse(r.stdout).error.code).toBe('bad_request');
  });

  it('imports, lists, profiles and trains with --json', () => {
    const csv = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
    const imported = JSON.parse(lathe('--home', home.dir, '--json', 'import', csv, '--name', 'air').stdout);
    expect(imported).toMatchObject({ name: 'air', rows: 144, columns: [{ name: 'Month', type: 'date', missing: 0 }, { name: 'Passengers', type: 'integer', missing: 0 }] });
    expect(imported.id).toBeTruthy();
    expect(imported.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = JSON.parse(lathe('--home', home.dir, '--json', 'datasets').stdout);
    expect(list.map((d: { name: string }) => d.name)).toContain('air');
    const profile = JSON.parse(lathe('--home', home.dir, '--json', 'profile', 'air').stdout);
    expect(profile.columns[1]).toMatchObject({ name: 'Passengers', min: 104, max: 622 });
    const r = lathe('--home', home.dir, '--json', 'train', '--dataset', 'air', '--target', 'Passengers', '--model', 'linear', '--split', 'time:Month');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ task: 'regression', model: 'linear', backend: 'typescript-cpu' });
    for (const k of ['mae', 'rmse', 'r2', 'mape']) expect(typeof run.metrics[k]).toBe('number');
    expect(run.durationMs).toBeGreaterThan(0);
    const runs = JSON.parse(lathe('--home', home.dir, '--json', 'runs').stdout);
    expect(runs[0].id).toBe(run.runId);
  });

  it('names the file and line when an import fails', () => {
    const bad = path.join(home.dir, 'bad.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n3\n');
    const r = lathe('--home', home.dir, 'import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('lathe: bad.csv, line 3: expected 2 fields, found 1');
  });

  it('rejects unknown commands with a usage error', () => {
    const r = lathe('frobnicate');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
