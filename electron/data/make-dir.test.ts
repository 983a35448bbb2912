import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { makeDir } from './make-dir';

const home = tempHome();
afterAll(() => home.cleanup());

describe('makeDir', () => {
  it('creates missing parents and accepts an existing folder', () => {
    const dir = path.join(home.dir, 'a', 'b', 'c');
    makeDir(dir, 'outDir');
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    expect(() => makeDir(dir, 'outDir')).not.toThrow();
  });

  it('names a file that stands where a folder should be', () => {
    const file = path.join(home.dir, 'plain.txt');
    fs.writeFileSync(file, 'x');
    expect(() => makeDir(path.join(file, 'sub'), 'outDir')).toThrow(/plain\.txt is a file, not a folder/);
  });

  it.runIf(process.platform === 'linux')('fails at once where a folder cannot be made (under /proc), instead of hanging', () => {
    expect(() => makeDir('/proc/lathe-no-such/export', 'outDir')).toThrow(/Cannot create folder \/proc\/lathe-no-such: ENOENT/);
  });
});
