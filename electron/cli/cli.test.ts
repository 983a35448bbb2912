import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';

const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');
const home = tempHome();
afterAll(() => home.cleanup());

function lathe(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, LATHE_HOME: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

  it('rejects unknown commands with a usage error', () => {
    const r = lathe('frobnicate');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
