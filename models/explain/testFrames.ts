/** Seeded frames for the explain tests: mixed column types, missing values, a column no model can use. */
import { Frame, makeFrame, numericColumn, stringColumn } from '../frame/frame';
import { gaussian, mulberry32 } from '../split/prng';

const DAY = 86_400_000;

/**
 * Columns x1 (numeric, ~10% NaN), x2 (numeric), c (categorical a..d, ~5% null), d (date),
 * u (constant: never split on) and three targets driven by x1, x2, c and d:
 * y (regression), yes (binary 'no'/'yes'), kind (multiclass 'p'/'q'/'r').
 */
export function mixedFrame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], c: (string | null)[] = [], d: number[] = [], u: number[] = [];
  const y: number[] = [], yes: string[] = [], kind: string[] = [];
  const effect: Record<string, number> = { a: 0, b: 1.5, c: -1, d: 0.5 };
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    const cat = 'abcd'[Math.floor(rand() * 4)];
    const day = Date.UTC(2021, 0, 1) + Math.floor(rand() * 365) * DAY;
    const weekend = [0, 6].includes(new Date(day).getUTCDay()) ? 1 : 0;
    const missing = rand() < 0.1;
    x1.push(missing ? NaN : a);
    x2.push(b);
    c.push(rand() < 0.05 ? null : cat);
    d.push(day);
    u.push(7);
    // Missing x1 has its own effect so trees learn a default direction that matters.
    const s = (missing ? 1 : 2 * a) - b + effect[cat] + weekend;
    y.push(s + 0.1 * gaussian(rand));
    yes.push(s + 0.3 * gaussian(rand) > 0.3 ? 'yes' : 'no');
    kind.push(s < -0.5 ? 'p' : s < 1 ? 'q' : 'r');
  }
  return makeFrame([
    numericColumn('x1', x1), numericColumn('x2', x2), stringColumn('c', c), numericColumn('d', d, 'date'),
    numericColumn('u', u), numericColumn('y', y), stringColumn('yes', yes), stringColumn('kind', kind),
  ]);
}

export const TARGETS = ['y', 'yes', 'kind'];

/** Frame minus the targets other than `target`. */
export function forTarget(frame: Frame, target: string): Frame {
  return { columns: frame.columns.filter((c) => c.name === target || !TARGETS.includes(c.name)), rowCount: frame.rowCount };
}
