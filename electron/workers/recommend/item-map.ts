/**
 * The run page's 2-D map of items: the first two principal components of the model's item vectors
 * (the most interacted-with items, at most MAX_MAP_ITEMS), each point labelled and coloured from the
 * item features when there are some (a category column, else the first tag).
 */
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import type { ItemFeatures } from '../../../models/recommend/types';
import { mulberry32 } from '../../../models/split/prng';

export const MAX_MAP_ITEMS = 3000;
const POWER_STEPS = 100;

/** Covariance (dim × dim) of the chosen rows, centred. */
function covariance(data: Float32Array, dim: number, rows: readonly number[]): { cov: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(dim);
  for (const r of rows) for (let d = 0; d < dim; d++) mean[d] += data[r * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= rows.length;
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (const r of rows) {
    for (let d = 0; d < dim; d++) x[d] = data[r * dim + d] - mean[d];
    for (let i = 0; i < dim; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j] += xi * x[j];
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i];
  return { cov, mean };
}

/** The leading eigenvector by power iteration (seeded start), orthogonal to `against`. */
function leading(cov: Float64Array, dim: number, against: Float64Array | null, seed: number): Float64Array {
  const rand = mulberry32(seed);
  let v = Float64Array.from({ length: dim }, () => rand() - 0.5);
  const next = new Float64Array(dim);
  for (let step = 0; step < POWER_STEPS; step++) {
    if (against) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += v[d] * against[d];
      for (let d = 0; d < dim; d++) v[d] -= dot * against[d];
    }
    next.fill(0);
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += cov[i * dim + j] * v[j];
      next[i] = s;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += next[d] * next[d];
    norm = Math.sqrt(norm);
    if (!(norm > 0)) break;
    v = Float64Array.from(next, (x) => x / norm);
  }
  return v;
}

/** Principal-component coordinates (x, y) of the chosen rows. */
export function pca2(data: Float32Array, dim: number, rows: readonly number[], seed: number): { x: number; y: number }[] {
  const { cov, mean } = covariance(data, dim, rows);
  const first = leading(cov, dim, null, seed);
  const second = dim > 1 ? leading(cov, dim, first, seed + 1) : new Float64Array(dim);
  return rows.map((r) => {
    let x = 0;
    let y = 0;
    for (let d = 0; d < dim; d++) {
      const c = data[r * dim + d] - mean[d];
      x += c * first[d];
      y += c * second[d];
    }
    return { x, y };
  });
}

/** The text column that names items: one called title or name, else the first text or category column. */
export function labelColumn(features: ItemFeatures | undefined): string | null {
  if (!features) return null;
  const names = [...Object.keys(features.text), ...Object.keys(features.categories)];
  return names.find((n) => /^(title|name)$/i.test(n)) ?? names.find((n) => /title|name/i.test(n)) ?? Object.keys(features.text)[0] ?? null;
}

export interface ItemMapInput {
  vectors: { dim: number; data: Float32Array } | null;
  items: readonly string[];
  /** Training interactions per item. */
  popularity: Float64Array;
  features?: ItemFeatures;
  seed: number;
}

export function itemMap(input: ItemMapInput): { map: RecommendReportDto['itemMap']; colour: string | null } {
  const { vectors, items, popularity, features } = input;
  if (!vectors || vectors.dim < 1 || items.length < 3) return { map: null, colour: null };
  const rows = [...items.keys()].filter((i) => popularity[i] > 0).sort((a, b) => popularity[b] - popularity[a] || a - b).slice(0, MAX_MAP_ITEMS);
  if (rows.length < 3) return { map: null, colour: null };
  const label = labelColumn(features);
  // The first category column colours the map; without one, the first tag of the first tags column.
  const category = features ? (Object.keys(features.categories).find((c) => c !== label) ?? null) : null;
  const tags = features && !category ? (Object.keys(features.tags)[0] ?? null) : null;
  const colour = category ?? tags;
  const groupOf = (i: number): string | null => (category ? features!.categories[category][i] : tags ? (features!.tags[tags][i][0] ?? null) : null);
  const points = pca2(vectors.data, vectors.dim, rows, input.seed);
  const map = rows.map((i, j) => ({
    item: items[i],
    x: points[j].x,
    y: points[j].y,
    label: label ? (features!.text[label]?.[i] ?? features!.categories[label]?.[i] ?? null) : null,
    group: groupOf(i),
    popularity: popularity[i],
  }));
  return { map, colour };
}
