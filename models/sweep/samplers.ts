import { mulberry32 } from '../split/prng';
import { fromUnit, toUnit, type Dim, type Point } from './space';

/** Evenly spaced points per dimension, as many per dimension as fit `maxTrials` in total. */
export function gridPoints(dims: Dim[], maxTrials: number): Point[] {
  const numeric = dims.filter((d) => d.kind !== 'choice').length;
  const fixed = dims.reduce((n, d) => n * (d.kind === 'choice' ? d.choices.length : 1), 1);
  const per = numeric ? Math.max(2, Math.floor(Math.pow(Math.max(1, maxTrials / fixed), 1 / numeric))) : 1;
  let points: Point[] = [{}];
  for (const d of dims) {
    const values =
      d.kind === 'choice'
        ? d.choices
        : [...new Set(Array.from({ length: per }, (_, i) => fromUnit(d, per === 1 ? 0.5 : i / (per - 1))))];
    points = points.flatMap((p) => values.map((v) => ({ ...p, [d.name]: v })));
  }
  return points.slice(0, maxTrials);
}

export function randomPoint(dims: Dim[], rand: () => number): Point {
  return Object.fromEntries(dims.map((d) => [d.name, fromUnit(d, rand())]));
}

export interface Observation {
  point: Point;
  /** Lower is better (the caller negates metrics where higher is better). */
  loss: number;
}

/**
 * Tree-structured Parzen estimator: observations split at the best γ quantile into "good"
 * and "bad"; candidates drawn around good points are scored by l(x)/g(x), density ratios of
 * Gaussian kernels (numeric, in unit space) and smoothed frequencies (choices).
 */
export function tpeSuggest(dims: Dim[], history: Observation[], seed: number, opts: { startup?: number; gamma?: number; candidates?: number } = {}): Point {
  const rand = mulberry32(seed);
  const startup = opts.startup ?? 8;
  if (history.length < startup) return randomPoint(dims, rand);
  const sorted = [...history].sort((a, b) => a.loss - b.loss);
  const nGood = Math.max(1, Math.ceil((opts.gamma ?? 0.25) * sorted.length));
  const good = sorted.slice(0, nGood).map((o) => o.point);
  const bad = sorted.slice(nGood).map((o) => o.point);
  let best: Point | null = null;
  let bestScore = -Infinity;
  for (let c = 0; c < (opts.candidates ?? 24); c++) {
    // Most candidates grow around good points; some come from the whole space to keep exploring.
    const base = rand() < 0.2 ? randomPoint(dims, rand) : good[Math.floor(rand() * good.length)];
    const candidate: Point = {};
    let score = 0;
    for (const d of dims) {
      let u: number;
      if (d.kind === 'choice') u = rand() < 0.8 ? toUnit(d, base[d.name]) : rand();
      else u = Math.min(1, Math.max(0, toUnit(d, base[d.name]) + gaussian(rand) * bandwidth(d, good)));
      candidate[d.name] = fromUnit(d, u);
      score += Math.log(density(d, candidate[d.name], good)) - Math.log(density(d, candidate[d.name], bad));
    }
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best!;
}

/** Scott's rule in unit space, floored so a tight cluster still explores. */
function bandwidth(d: Dim, points: Point[]): number {
  const xs = points.map((p) => toUnit(d, p[d.name]));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return Math.max(0.08, 1.06 * (sd || 0.25) * Math.pow(xs.length, -0.2));
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function density(d: Dim, v: number | string, points: Point[]): number {
  if (points.length === 0) return 1;
  if (d.kind === 'choice') {
    const hits = points.filter((p) => p[d.name] === v).length;
    return (hits + 1) / (points.length + d.choices.length);
  }
  const x = toUnit(d, v);
  const h = bandwidth(d, points);
  let s = 0;
  for (const p of points) s += Math.exp(-0.5 * ((x - toUnit(d, p[d.name])) / h) ** 2);
  // Mixed with a uniform prior (weight of one observation) so no region has zero density.
  return (s / (h * Math.sqrt(2 * Math.PI)) + 1) / (points.length + 1);
}
