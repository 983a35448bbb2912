/** Data for the drift benchmark: California housing from the samples, and a synthetic 1M × 20 table for speed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gaussian, mulberry32 } from '../../models/split/prng';
import type { DriftColumn } from '../../models/monitor/index';

const root = path.resolve(import.meta.dirname, '..', '..');
export const HOUSING_FILE = 'resources/samples/california_housing/housing.csv';

export interface Table {
  names: string[];
  numeric: Map<string, Float64Array>;
  categorical: Map<string, (string | null)[]>;
  rows: number;
}

/** The housing CSV (plain: no quotes), ocean_proximity as categories, empty cells missing. */
export function housing(): Table {
  const lines = readFileSync(path.join(root, HOUSING_FILE), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const body = lines.slice(1).map((l) => l.split(','));
  const t: Table = { names, numeric: new Map(), categorical: new Map(), rows: body.length };
  names.forEach((n, j) => {
    if (n === 'ocean_proximity') t.categorical.set(n, body.map((r) => r[j] || null));
    else t.numeric.set(n, Float64Array.from(body, (r) => (r[j] === '' ? Number.NaN : Number(r[j]))));
  });
  return t;
}

/** The table's rows at `rows`, as drift columns; `edit` may change a column's values. */
export function columnsAt(t: Table, rows: ArrayLike<number>): DriftColumn[] {
  return t.names.map((name): DriftColumn => {
    const num = t.numeric.get(name);
    if (num) return { name, kind: 'numeric', values: Float64Array.from({ length: rows.length }, (_, i) => num[rows[i]]) };
    const cat = t.categorical.get(name)!;
    return { name, kind: 'categorical', values: Array.from({ length: rows.length }, (_, i) => cat[rows[i]]) };
  });
}

/** Disjoint seeded samples of `a` and `b` rows. */
export function twoSamples(rows: number, a: number, b: number, seed: number): { ref: Uint32Array; cur: Uint32Array } {
  const idx = Uint32Array.from({ length: rows }, (_, i) => i);
  const rand = mulberry32(seed);
  for (let i = 0; i < a + b; i++) {
    const j = i + Math.floor(rand() * (rows - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return { ref: idx.slice(0, a), cur: idx.slice(a, a + b) };
}

/** n rows of 16 numeric columns (normal, lognormal, uniform, integers) and 4 categorical ones; `shift` moves the first column. */
export function synthetic(n: number, seed: number, shift = 0): DriftColumn[] {
  const rand = mulberry32(seed);
  const cols: DriftColumn[] = [];
  for (let c = 0; c < 16; c++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = gaussian(rand);
      v[i] = c % 4 === 0 ? g : c % 4 === 1 ? Math.exp(g) : c % 4 === 2 ? rand() * 100 : Math.floor(rand() * 50);
    }
    if (c === 0) for (let i = 0; i < n; i++) v[i] += shift;
    cols.push({ name: `x${c}`, kind: 'numeric', values: v });
  }
  for (let c = 0; c < 4; c++) {
    const levels = Array.from({ length: 5 + c * 20 }, (_, k) => `level${k}`);
    cols.push({ name: `c${c}`, kind: 'categorical', values: Array.from({ length: n }, () => levels[Math.floor(rand() ** 2 * levels.length)]) });
  }
  return cols;
}
