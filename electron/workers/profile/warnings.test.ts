import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../shared/api/datasets-dto';
import { WARNING_THRESHOLDS as T, warningText, type ProfileWarningDto } from '../../../shared/profile-warnings';
import { openDatabase } from '../../data/db/open';
import { tempHome } from '../../../tests/helpers/temp-home';
const repoRoot = path.resolve(import.meta.dirname, '../../..');
import { computeProfile } from './compute-profile';
import { Shape } from './shape';

const home = tempHome();
afterAll(() => home.cleanup());
let tables = 0;

/** Profiles synthetic columns (name → type and a value per row) stored as an import stores them. */
function profileOf(rows: number, cols: Record<string, { type: ColumnType; value: (r: number) => number | string | null }>) {
  const db = openDatabase(path.join(home.dir, `w${tables++}.db`));
  const names = Object.keys(cols);
  db.exec(`CREATE TABLE t (${names.map((_, i) => `c${i}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO t VALUES (${names.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (let r = 0; r < rows; r++) insert.run(...names.map((n) => cols[n].value(r)));
  })();
  const p = computeProfile(db, 'd', 't', names.map((name) => ({ name, type: cols[name].type })));
  db.close();
  return p;
}

const kinds = (ws: ProfileWarningDto[] | undefined, column: number) =>
  (ws ?? []).filter((w) => (w.kind === 'correlated' ? w.columns.includes(column) : w.column === column)).map((w) => w.kind);

/** A deterministic spread of values in [0, 1). */
const u = (r: number) => (Math.sin(r * 12.9898 + 1.3) * 43758.5453) % 1 * Math.sign(Math.sin(r * 12.9898 + 1.3)) || 0;
const uniform = (r: number) => Math.abs(u(r));
/** Standard normal by Box–Muller. */
const normal = (r: number) => Math.sqrt(-2 * Math.log(1 - uniform(r))) * Math.cos(2 * Math.PI * uniform(r + 5000));

describe('profile warnings', () => {
  it('finds a maximum repeated far more than the values below it (a cap), and not a plain maximum', () => {
    const p = profileOf(2000, {
      capped: { type: 'float', value: (r) => (r % 10 === 0 ? 500_001 : Math.round(uniform(r) * 400_000)) },
      plain: { type: 'float', value: (r) => Math.round(uniform(r + 7) * 400_000) },
      // Many rows at its maximum, but as many at each value: a uniform integer, no cap.
      dice: { type: 'integer', value: (r) => r % 30 },
    });
    const cap = p.warnings!.find((w) => w.kind === 'capped');
    expect(cap).toMatchObject({ kind: 'capped', column: 0, value: 500_001, count: 200 });
    expect(kinds(p.warnings, 1)).not.toContain('capped');
    expect(kinds(p.warnings, 2)).not.toContain('capped');
  });

  it('marks a constant column, an id-like one and one mostly missing', () => {
    const p = profileOf(200, {
      same: { type: 'categorical', value: () => 'EUR' },
      id: { type: 'integer', value: (r) => 1000 + r },
      sparse: { type: 'float', value: (r) => (r % 3 === 0 ? uniform(r) : null) },
      half: { type: 'float', value: (r) => (r % 2 === 0 ? uniform(r + 5) : null) },
    });
    expect(kinds(p.warnings, 0)).toEqual(['constant']);
    expect(p.warnings!.find((w) => w.kind === 'constant')).toMatchObject({ value: 'EUR' });
    expect(kinds(p.warnings, 1)).toContain('idLike');
    expect(kinds(p.warnings, 2)).toEqual(['missing']);
    // Exactly half is not more than half.
    expect(kinds(p.warnings, 3)).toEqual([]);
  });

  it('names both columns of a highly correlated pair, and only such pairs', () => {
    const p = profileOf(500, {
      a: { type: 'float', value: (r) => uniform(r) },
      b: { type: 'float', value: (r) => 2 * uniform(r) + 0.05 * uniform(r + 1000) },
      c: { type: 'float', value: (r) => uniform(r + 77) },
      d: { type: 'float', value: (r) => -uniform(r) },
    });
    const pairs = p.warnings!.filter((w) => w.kind === 'correlated').map((w) => (w.kind === 'correlated' ? [w.columns, Math.sign(w.r)] : null));
    expect(pairs).toEqual([
      [[0, 1], 1],
      [[0, 3], -1],
      [[1, 3], -1],
    ]);
  });

  it('marks strong skew either way, not a symmetric spread', () => {
    const p = profileOf(1000, {
      right: { type: 'float', value: (r) => Math.exp(normal(r)) },
      left: { type: 'float', value: (r) => -Math.exp(normal(r + 1)) },
      even: { type: 'float', value: (r) => uniform(r) },
    });
    const skew = (i: number) => p.warnings!.find((w) => w.kind === 'skewed' && w.column === i);
    expect(skew(0)).toMatchObject({ kind: 'skewed' });
    expect((skew(0) as { skewness: number }).skewness).toBeGreaterThan(T.skewness);
    expect((skew(1) as { skewness: number }).skewness).toBeLessThan(-T.skewness);
    expect(skew(2)).toBeUndefined();
  });

  it('says what each warning means for modelling, naming the columns', () => {
    const names = ['price', 'cost'];
    const text = warningText({ kind: 'correlated', columns: [0, 1], r: 0.973 }, names);
    expect(text.found).toBe('price and cost are highly correlated (r = 0.97).');
    expect(text.meaning).toMatch(/keep one/);
    expect(warningText({ kind: 'capped', column: 1, value: 500001, count: 965, ratio: 35.7 }, names).found).toMatch(/^cost: its maximum 500,001 appears 965 times/);
  });

  it('finds the cap on median_house_value in the California housing sample', () => {
    const [header, ...lines] = fs.readFileSync(path.join(repoRoot, 'resources/samples/california_housing/housing.csv'), 'utf8').trim().split('\n');
    const names = header.split(',');
    const cells = lines.map((l) => l.split(','));
    const cols = Object.fromEntries(
      names.map((n, i) => [
        n,
        { type: (n === 'ocean_proximity' ? 'categorical' : 'float') as ColumnType, value: (r: number) => (cells[r][i] === '' ? null : i === 9 ? cells[r][i] : Number(cells[r][i])) },
      ]),
    );
    const p = profileOf(cells.length, cols);
    const value = names.indexOf('median_house_value');
    expect(p.warnings!.find((w) => w.kind === 'capped' && w.column === value)).toMatchObject({ value: 500_001, count: 965 });
    // total_rooms and households move together.
    const rooms = names.indexOf('total_rooms');
    expect(p.warnings!.some((w) => w.kind === 'correlated' && w.columns.includes(rooms))).toBe(true);
  });
});

describe('Shape', () => {
  it('gives the adjusted sample skewness and counts the maximum', () => {
    const s = new Shape();
    for (const x of [1, 2, 3, 10, 10]) s.add(x);
    // pandas.Series([1, 2, 3, 10, 10]).skew()
    expect(s.skewness).toBeCloseTo(0.4941, 3);
    expect([s.max, s.maxCount]).toEqual([10, 2]);
  });
});
