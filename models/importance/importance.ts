/** Feature importance: total split gain from trees, and model-agnostic permutation importance. */
import { Tree } from '../gbdt/tree';
import { mulberry32 } from '../split/prng';

export interface FeatureImportance {
  feature: string;
  importance: number;
  /** Standard deviation across permutation repeats (0 for gain importance). */
  std: number;
}

function sortDesc(list: FeatureImportance[]): FeatureImportance[] {
  return list.sort((a, b) => b.importance - a.importance || (a.feature < b.feature ? -1 : 1));
}

/** Matrix columns that move together: one input column and every feature derived from it. */
export interface ColumnGroup {
  name: string;
  columns: number[];
}

/** Groups matrix columns by the input column each comes from (`sources[j]` names column j's), in first-seen order. */
export function groupBySource(sources: string[]): ColumnGroup[] {
  const groups = new Map<string, number[]>();
  sources.forEach((s, j) => {
    const g = groups.get(s);
    if (g) g.push(j);
    else groups.set(s, [j]);
  });
  return [...groups].map(([name, columns]) => ({ name, columns }));
}

/**
 * Sum of split gains per feature over all trees, normalised to sum to 1. With `sources`, features derived from
 * one input column (date parts, terms) are summed into that column.
 */
export function gainImportance(trees: Tree[], featureNames: string[], sources?: string[]): FeatureImportance[] {
  const total = new Float64Array(featureNames.length);
  for (const t of trees) {
    for (let n = 0; n < t.feature.length; n++) if (t.left[n] >= 0) total[t.feature[n]] += t.gain[n];
  }
  const sum = total.reduce((a, b) => a + b, 0);
  const groups = sources ? groupBySource(sources) : featureNames.map((name, j) => ({ name, columns: [j] }));
  return sortDesc(groups.map(({ name, columns }) => ({
    feature: name,
    importance: sum > 0 ? columns.reduce((a, j) => a + total[j], 0) / sum : 0,
    std: 0,
  })));
}

export interface PermutationOptions {
  repeats: number;
  seed: number;
  /** Only these feature indices (default: all); ignored when `groups` is given. */
  features?: number[];
  /** Shuffle these sets of columns jointly, each with one row permutation per repeat (default: each column alone). */
  groups?: ColumnGroup[];
}

/**
 * Drop in score (higher-is-better `score`) when one feature column — or one group of columns, with the same row
 * order for all of them, which is shuffling the input column they come from — is shuffled, averaged over seeded
 * repeats. Works for any model via `score`.
 */
export function permutationImportance(
  X: Float32Array,
  nRows: number,
  nCols: number,
  featureNames: string[],
  /** `group`: index of the group shuffled in X (into `opts.groups`, or the feature order), -1 for the unshuffled X. */
  score: (X: Float32Array, group: number) => number,
  opts: Partial<PermutationOptions> = {},
): FeatureImportance[] {
  const { repeats = 3, seed = 0 } = opts;
  const groups = opts.groups
    ?? (opts.features ?? Array.from({ length: nCols }, (_, i) => i)).map((f) => ({ name: featureNames[f], columns: [f] }));
  const baseline = score(X, -1);
  const rand = mulberry32(seed);
  const work = Float32Array.from(X);
  const perm = new Uint32Array(nRows);
  const out: FeatureImportance[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const { name, columns } = groups[gi];
    const drops: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      for (let i = 0; i < nRows; i++) perm[i] = i;
      for (let i = nRows - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      for (const f of columns) for (let r = 0; r < nRows; r++) work[r * nCols + f] = X[perm[r] * nCols + f];
      drops.push(baseline - score(work, gi));
    }
    for (const f of columns) for (let r = 0; r < nRows; r++) work[r * nCols + f] = X[r * nCols + f];
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / repeats);
    out.push({ feature: name, importance: mean, std });
  }
  return sortDesc(out);
}
