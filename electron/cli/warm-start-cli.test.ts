/** `lathe train --warm-start RUN`: a run continued from another, in --json and in words, and refusals by name. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';

const home = tempHome();
afterAll(() => home.cleanup());

const lathe = latheIn(home.dir);
const write = (name: string, rows: number, offset: number, header = 'x,z,y') => {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const x = ((i * 37 + offset) % 101) / 10;
    const z = ((i * 53 + offset) % 89) / 10;
    lines.push(`${x},${z},${(Math.sin(x) * 3 + z).toFixed(4)}`);
  }
  const p = path.join(home.dir, name);
  fs.writeFileSync(p, lines.join('\n') + '\n');
  return p;
};

describe('lathe train --warm-start', () => {
  it('continues a gbdt run on a new dataset; --json keys are those of any run; refusals name the run or the column', () => {
    expect(lathe('import', write('first.csv', 400, 0)).code).toBe(0);
    expect(lathe('import', write('later.csv', 300, 7)).code).toBe(0);
    expect(lathe('import', write('other.csv', 300, 7, 'x,w,y')).code).toBe(0);
    const first = lathe('--json', 'train', '--dataset', 'first', '--target', 'y', '--param', 'trees=20');
    expect(first.code, first.stderr).toBe(0);
    const firstId = JSON.parse(first.stdout).runId as string;

    const next = lathe('--json', 'train', '--dataset', 'later', '--target', 'y', '--param', 'trees=20', '--warm-start', firstId.slice(0, 8));
    expect(next.code, next.stderr).toBe(0);
    const out = JSON.parse(next.stdout);
    expect(Object.keys(out).sort()).toEqual(Object.keys(JSON.parse(first.stdout)).sort());
    const words = lathe('train', '--dataset', 'later', '--target', 'y', '--param', 'trees=20', '--warm-start', firstId);
    expect(words.stdout).toContain(`(continued from ${firstId})`);

    const unknown = lathe('train', '--dataset', 'later', '--target', 'y', '--warm-start', 'abcdef12');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('abcdef12');
    const other = lathe('train', '--dataset', 'other', '--target', 'y', '--warm-start', firstId);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain("'z'");
  }, 120_000);
});
