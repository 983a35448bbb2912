import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');

export interface LatheResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `lathe ARGS` as a user runs it, waited for. With a home (or a function giving it, for a folder made
 * in beforeAll) every call gets `--home`; LATHE_HOME is cleared so the caller's own never leaks in.
 */
export function latheIn(home?: string | (() => string)): (...args: string[]) => LatheResult {
  return (...args) => {
    const dir = typeof home === 'function' ? home() : home;
    const r = spawnSync(process.execPath, [bin, ...(dir === undefined ? [] : ['--home', dir]), ...args], { encoding: 'utf8', env: { ...process.env, LATHE_HOME: '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}
