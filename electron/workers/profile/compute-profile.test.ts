import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db/open';
import { tempHome } from '../../../tests/helpers/temp-home';
import { computeProfile } from './compute-profile';

const home = tempHome();
afterAll(() => home.cleanup());

/** A table of mixed columns with missing values, written as an import would store it. */
function fixture(rows: number) {
  const db = openDatabase(path.join(home.dir, `p${rows}.db`));
  db.exec('CREATE TABLE t (c0, c1, c2, c3, c4)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let r = 0; r < rows; r++) {
      insert.run(
        r % 13 === 0 ? null : r % 97,
        r % 7 === 0 ? null : Math.sin(r) * 1000,
        `2020-${String((r % 12) + 1).padStart(2, '0')}-${String((r % 28) + 1).padStart(2, '0')}`,
        ['north', 'south', 'east'][r % 3],
        r % 2,
      );
    }
  })();
  const columns = [
    { name: 'n', type: 'integer' as const },
    { name: 'x', type: 'float' as const },
    { name: 'day', type: 'date' as const },
    { name: 'region', type: 'categorical' as const },
    { name: 'flag', type: 'boolean' as const },
  ];
  return { db, columns };
}

describe('computeProfile', () => {
  it('gives the same profile from kept values as from a second pass over the table', () => {
    const { db, columns } = fixture(30_000);
    const onePass = computeProfile(db, 'd', 't', columns);
    const twoPasses = computeProfile(db, 'd', 't', columns, undefined, { keptValues: 0 });
    db.close();
    expect({ ...onePass, computedAt: '' }).toEqual({ ...twoPasses, computedAt: '' });
    const [n, x, day] = onePass.columns;
    expect(n.missing).toBe(Math.ceil(30_000 / 13));
    expect(x.missing).toBe(Math.ceil(30_000 / 7));
    // Every present value lands in exactly one bin.
    for (const c of [n, x, day]) expect(c.histogram!.reduce((s, b) => s + b.count, 0)).toBe(c.count);
    expect(n.min).toBe(0);
    expect(n.max).toBe(96);
    expect(day.min).toBe(Date.UTC(2020, 0, 1));
  });
});
