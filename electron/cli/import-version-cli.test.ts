/** `lathe import --append-to` and a re-import of the same source: the version in --json and in words. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';

const home = tempHome();
afterAll(() => home.cleanup());

const lathe = latheIn(home.dir);
const write = (name: string, text: string) => {
  const p = path.join(home.dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('lathe import: versions', () => {
  it('--append-to answers id, name, version, total rows and rows appended', () => {
    const base = write('sales.csv', 'day,units\n1,10\n2,12\n');
    expect(lathe('import', base).code).toBe(0);
    const r = lathe('--json', 'import', write('sales-more.csv', 'day,units\n3,9\n'), '--append-to', 'sales');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['id', 'name', 'version', 'rows', 'appended']));
    expect(out).toMatchObject({ name: 'sales', version: 2, rows: 3, appended: 1 });
  }, 60_000);

  it('a re-import of the unchanged source says so; an appended file of other columns is refused by name', () => {
    const same = lathe('import', path.join(home.dir, 'sales.csv'), '--name', 'sales');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("'sales' is unchanged, version 2");
    const bad = lathe('import', write('wrong.csv', 'day,price\n4,1.5\n'), '--append-to', 'sales');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("missing column 'units'");
  }, 60_000);
});
