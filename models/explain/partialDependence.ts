/**
 * Partial dependence (Friedman 2001): the model's mean prediction over background rows with
 * one column set to each grid value. Regression averages values; classifiers average the
 * probability of every class (binary included: K = 2). Optionally keeps the individual
 * conditional expectation (ICE, Goldstein et al. 2015) curves of a seeded sample of those rows:
 * the per-row predictions the mean is made of.
 */
import { Column, Frame, getColumn, isNumericType } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { evenlySpacedRows, featureColumnsOf } from './frameRows';
import { openPredictor } from './predictor';
import { mulberry32 } from '../split/prng';
import type { PartialDependence } from './types';

export const DEFAULT_POINTS = 24;
/** Background rows averaged per grid value. */
export const MAX_PD_ROWS = 500;
const LOW_QUANTILE = 0.02, HIGH_QUANTILE = 0.98;

export interface PartialDependenceOptions {
  points?: number;
  grid?: (number | string)[];
  /** Rows whose ICE curves are kept (default 0: none); all background rows when it is at least their number. */
  iceRows?: number;
  /** Seed of the ICE row sample (default 0). */
  seed?: number;
}

/** `count` distinct indices below `n`, drawn with a seeded partial shuffle, in ascending order. */
export function sampleIndices(n: number, count: number, seed: number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(seed);
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

/** Observed values at evenly spaced quantile levels between the 2nd and 98th percentiles, without repeats. */
function numericGrid(values: Float64Array, points: number): number[] {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const grid: number[] = [];
  for (let i = 0; i < points; i++) {
    const q = points === 1 ? 0.5 : LOW_QUANTILE + ((HIGH_QUANTILE - LOW_QUANTILE) * i) / (points - 1);
    // Observed values (nearest rank) keep integers integral and dates real.
    const v = sorted[Math.round(q * (n - 1))];
    if (grid.length === 0 || v !== grid[grid.length - 1]) grid.push(v);
  }
  return grid;
}

/** The most frequent observed levels, most frequent first (ties by value). */
function levelGrid(values: ArrayLike<number | string | null>, points: number): (number | string)[] {
  const counts = new Map<number | string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, points)
    .map(([v]) => v);
}

export function defaultGrid(column: Column, points: number): (number | string)[] {
  if (column.type === 'boolean' || !isNumericType(column.type)) return levelGrid(column.values, points);
  return numericGrid(column.values as Float64Array, points);
}

function constantColumn(template: Column, value: number | string, n: number): Column {
  if (template.values instanceof Float64Array) {
    if (typeof value !== 'number') throw new Error(`partial dependence: column ${template.name} needs numeric grid values`);
    return { name: template.name, type: template.type, values: new Float64Array(n).fill(value) };
  }
  return { name: template.name, type: template.type, values: new Array<string | null>(n).fill(String(value)) };
}

export function partialDependence(
  artifact: ModelArtifact, background: Frame, column: string, opts: PartialDependenceOptions = {},
): PartialDependence {
  if (!artifact.features.includes(column)) throw new Error(`partial dependence: ${column} is not a feature of the model`);
  const points = opts.points ?? DEFAULT_POINTS;
  if (!Number.isInteger(points) || points < 1) throw new Error('partial dependence: points must be a positive integer');
  const grid = opts.grid ? opts.grid.slice() : defaultGrid(getColumn(background, column), points);
  const rows = evenlySpacedRows({ columns: featureColumnsOf(background, artifact.features), rowCount: background.rowCount }, MAX_PD_ROWS);
  const n = rows.rowCount;
  if (n === 0) throw new Error('partial dependence: the background frame has no rows');
  const K = artifact.task === 'regression' ? 1 : artifact.classes!.length;
  const G = grid.length;
  const values = new Float64Array(G * K);
  const iceAt = sampleIndices(n, Math.max(0, Math.floor(opts.iceRows ?? 0)), opts.seed ?? 0);
  const iceValues = new Float64Array(iceAt.length * G * K);
  // Per-row probabilities of every class at one grid value, from the predictor's output.
  const rowOutput = (out: ArrayLike<number>, i: number, k: number) =>
    artifact.task === 'binary' ? (k === 1 ? out[i] : 1 - out[i]) : out[i * K + k];
  const at = rows.columns.findIndex((c) => c.name === column);
  const predictor = openPredictor(artifact);
  try {
    for (let g = 0; g < grid.length; g++) {
      const columns = rows.columns.slice();
      columns[at] = constantColumn(columns[at], grid[g], n);
      const out = predictor.predict({ columns, rowCount: n });
      if (artifact.task === 'binary') {
        // The model gives P(classes[1]); the class-0 probability is its complement.
        let p = 0;
        for (let i = 0; i < n; i++) p += out[i];
        values[g * K] = 1 - p / n;
        values[g * K + 1] = p / n;
      } else {
        for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) values[g * K + k] += out[i * K + k] / n;
      }
      iceAt.forEach((i, j) => {
        for (let k = 0; k < K; k++) iceValues[(j * G + g) * K + k] = rowOutput(out, i, k);
      });
    }
  } finally {
    predictor.dispose();
  }
  const backgroundRow = (i: number) => (background.rowCount <= MAX_PD_ROWS ? i : Math.floor((i * background.rowCount) / MAX_PD_ROWS));
  const ice = iceAt.length ? { rows: iceAt.map(backgroundRow), values: iceValues } : undefined;
  return { column, grid, outputs: K, values, ...(ice ? { ice } : {}) };
}
