import { mulberry32 } from '../split/prng';

/**
 * Row indices to compare: all rows when there are at most `max`, else a seeded random sample of
 * `max` rows (partial Fisher–Yates), in row order. The same rows serve every column of a side.
 */
export function sampleRows(rows: number, max: number, seed: number): Uint32Array | null {
  if (rows <= max) return null;
  const pool = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) pool[i] = i;
  const rand = mulberry32(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rand() * (rows - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, max).sort();
}
