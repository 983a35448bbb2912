import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db/open';
import { tempHome } from '../../../tests/helpers/temp-home';
import { computeProfile } from './compute-profile';

const home = tempHome();
afterAll(() => home.cleanup());

/** Columns of every kind an id could hide in, and look-alikes that are not ids. */
function fixture(rows: number) {
  const db = openDatabase(path.join(home.dir, `ids${rows}.db`));
  db.exec('CREATE TABLE t (c0, c1, c2, c3, c4, c5, c6)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let r = 0; r < rows; r++) {
      insert.run(
        100_000 + r, // row number
        `1234567890123456${String(r).padStart(6, '0')}`, // 22-digit ids, kept as text
        r % 40, // a small integer feature
        `review number ${r} was fine`, // free text: distinct, but words
        Math.sin(r) * 1000, // a float: distinct, but a measurement
        ['north', 'south', 'east'][r % 3],
        r % 50 === 0 ? null : `user-${r}@example.org`,
      );
    }
  })();
  const columns = [
    { name: 'row', type: 'integer' as const },
    { name: 'account', type: 'text' as const },
    { name: 'bucket', type: 'integer' as const },
    { name: 'review', type: 'text' as const },
    { name: 'x', type: 'float' as const },
    { name: 'region', type: 'categorical' as const },
    { name: 'email', type: 'categorical' as const },
  ];
  return { db, columns };
}

describe('id-like columns', () => {
  it.each([500, 25_000])('marks whole-number and code columns whose values are nearly all distinct (%i rows)', (rows) => {
    const { db, columns } = fixture(rows);
    const p = computeProfile(db, 'd', 't', columns);
    db.close();
    expect(Object.fromEntries(p.columns.map((c) => [c.name, c.idLike]))).toEqual({
      row: true,
      account: true,
      bucket: false,
      review: false,
      x: false,
      region: false,
      email: true,
    });
  });

  it('says nothing of a handful of rows', () => {
    const { db, columns } = fixture(10);
    const p = computeProfile(db, 'd', 't', columns);
    db.close();
    expect(p.columns.every((c) => c.idLike === false)).toBe(true);
  });
});
