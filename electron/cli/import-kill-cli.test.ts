/**
 * `lathe import` of a file large enough for the writer thread, killed (SIGKILL) while rows are being
 * written: the database stays whole and holds no half dataset, and the next start drops the table
 * the dead import left; the same file then imports in full.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { loadSqlite } from '../data/db/native';

const home = tempHome();
afterAll(() => home.cleanup());
const bin = path.resolve(import.meta.dirname, '../../bin/lathe.mjs');
const ROWS = 400_000;

/** Dataset tables and registered datasets, read from a connection of our own. */
function contents(dbFile: string): { tables: string[]; datasets: number; rows: number; integrity: string } {
  const db = new (loadSqlite())(dbFile, { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'").pluck().all() as string[]).sort();
    const datasets = db.prepare('SELECT COUNT(*) FROM datasets').pluck().get() as number;
    const rows = tables.length ? (db.prepare(`SELECT COUNT(*) FROM "${tables[0]}"`).pluck().get() as number) : 0;
    return { tables, datasets, rows, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('lathe import killed mid-write', () => {
  it('leaves no half dataset, and the table it left is dropped at the next start', async () => {
    const csv = path.join(home.dir, 'big.csv');
    const lines = ['id,price,city,comment'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},${(i * 0.37).toFixed(2)},${['Lisbon', 'Porto', 'Oslo'][i % 3]},a comment about row ${i} of the file`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    expect(fs.statSync(csv).size).toBeGreaterThan(8 * 1024 * 1024); // the writer thread's path
    const dbFile = path.join(home.dir, 'lathe.db');

    const child = spawn(process.execPath, [bin, '--home', home.dir, 'import', csv, '--json'], { stdio: 'ignore', env: { ...process.env, LATHE_HOME: '' } });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Killed once some rows are committed to the new table and before the dataset is registered.
    let seen: ReturnType<typeof contents> | null = null;
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      if (fs.existsSync(dbFile)) {
        try {
          const c = contents(dbFile);
          if (c.tables.length === 1 && c.rows > 0 && c.datasets === 0) {
            child.kill('SIGKILL');
            seen = c;
            break;
          }
        } catch {
          // The file is being created or migrated: look again.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await exited;
    expect(seen, 'the import was caught while writing rows').not.toBeNull();
    expect(seen!.rows).toBeLessThan(ROWS);

    const after = contents(dbFile);
    expect(after.integrity).toBe('ok');
    expect(after.datasets).toBe(0);
    expect(after.tables).toEqual(seen!.tables); // left by the dead process, registered nowhere

    // The next start marks the job interrupted and drops the orphaned table; the import then runs in full.
    const lathe = latheIn(home.dir);
    const again = lathe('--json', 'import', csv);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).rows).toBe(ROWS);
    const final = contents(dbFile);
    expect(final).toMatchObject({ datasets: 1, rows: ROWS, integrity: 'ok' });
    expect(final.tables).toHaveLength(1);
    const jobs = latheIn(home.dir)('--json', 'jobs');
    expect(jobs.stdout).toContain('interrupted');
  }, 180_000);
});
