/** Daily sales of four stores for retraining-plan tests of forecast champions: a CSV rewritten between versions. */
import fs from 'node:fs';
import { mulberry32 } from '../../models/split/prng';

export const STORES = ['north', 'south', 'east', 'west'];
const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);

/** Rows of each store from day `from` (0 = 2025-01-01) for `days` days around `level(d)`, noise sd about 1, seeded. */
export function storeSales(from: number, days: number, level: (d: number) => number, seed: number): string[] {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let d = from; d < from + days; d++) for (const s of STORES) out.push(`${day(d)},${s},${(level(d) + (rand() + rand() + rand() - 1.5) * 2).toFixed(3)}`);
  return out;
}

export const writeStoreSales = (file: string, lines: string[]) => fs.writeFileSync(file, ['date,store,sales', ...lines].join('\n') + '\n');
