/** `lathe import --quote`: quotes as text, another quote character, a bad value; the sniffed quote shown. */
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

// With quotes, the first row's field ends at its second quote and the rest of the line is malformed.
const tweets = write('tweets.csv', 'user,text\nann,"so good" she said\nbo,6" of snow\ncy,"wow\n');

describe('lathe import --quote', () => {
  it('--quote none keeps every quote as text', () => {
    const r = lathe('--json', 'import', tweets, '--quote', 'none', '--header');
    expect(r.stderr).toBe('');
    // Given, not detected: the option reached the import.
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, quote: null, quoteDetected: false });
  }, 60_000);

  it("--quote \"'\" reads single-quoted fields, double quotes as text", () => {
    const file = write('single.csv', "name,motto\n'Lee','said \"hi\", then left'\n'Ng','it''s fine'\n");
    const r = lathe('import', file, '--quote', "'", '--name', 'single');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Imported 'single': 2 rows × 2 columns");
    expect(r.stdout).toContain("quotes: '");
    expect(r.stdout).not.toContain('(detected)');
  }, 60_000);

  it('shows a quote the sniffer turned off', () => {
    const r = lathe('import', tweets, '--name', 'sniffed');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("Imported 'sniffed': 3 rows × 2 columns");
    expect(r.stdout).toContain('quotes: none (detected)');
  }, 60_000);

  it('refuses a quote of two characters in one line naming the field', () => {
    const r = lathe('import', tweets, '--quote', "''");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lathe: Invalid argument 'quote' for datasets.import: expected one character/);
  }, 60_000);
});
