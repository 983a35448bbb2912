import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';

const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');
const home = tempHome();
afterAll(() => home.cleanup());

/** Runs the CLI with a stdout whose reader has gone away before the first write, as `lathe … | head -1` can. */
function withClosedStdout(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--home', home.dir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LATHE_HOME: '' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('lathe with a closed stdout', () => {
  it('ends quietly when the reader has gone', async () => {
    for (const args of [['--json', 'runs'], ['--json', 'datasets'], ['info']]) {
      const r = await withClosedStdout(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('still reports a real failure on stderr', async () => {
    const r = await withClosedStdout('--json', 'profile', 'no-such-dataset');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lathe: /);
    expect(r.stderr).not.toContain('EPIPE');
  });

  it('ends quietly in a shell pipeline whose reader exits at once', () => {
    // `true` leaves before the CLI has started, so its one write meets a closed pipe.
    const script = `("$0" "$1" --home "$2" --json runs; echo "exit $?" >&2) | true`;
    const r = spawnSync('sh', ['-c', script, process.execPath, bin, home.dir], { encoding: 'utf8' });
    expect(r.stderr).toBe('exit 0\n');
  });
});
