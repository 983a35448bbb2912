/**
 * Content-based recommender: items are vectors of their text, tags, categories and numbers
 * (contentVectors.ts); a user is the weighted mean of the vectors of the items they interacted with —
 * weight = rating − the user's mean rating (explicit; a user whose ratings are all equal weighs each
 * item +1 when that rating is in the upper half of the scale, −1 otherwise) or the implicit weight — and
 * an item's score is the cosine of the two. Items with features but no interactions score like any other,
 * so new items are recommendable. predict() of explicit data maps the cosine onto the user's scale:
 * mean + cosine × half the scale's range, clamped.
 */
import { recommendParams } from './params';
import { decodeF32, decodeF64, decodeI32, encodeF32, encodeF64, encodeI32 } from './codec';
import { addRow, buildItemMatrix, dotAll, featureLabel, preferenceVector, unit, type ItemMatrix } from './contentVectors';
import { topK, userRows } from './ranking';
import type { Interactions, Reason, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';

/** Most columns kept for the embedding map (items × columns floats). */
const MAX_MAP_FLOATS = 1 << 24;

interface ContentState {
  matrix: ItemMatrix;
  /** Raw numbers per column, for stated bounds. */
  numbers: Record<string, Float64Array>;
  /** Training history per user with the profile weights. */
  start: Int32Array;
  item: Int32Array;
  weight: Float32Array;
  userMean: Float32Array;
  explicit: boolean;
  scale: [number, number] | null;
}

/** Profile weights from a history: centred ratings (explicit) or the weights themselves (implicit). */
function profileWeights(values: ArrayLike<number>, explicit: boolean, scale: [number, number] | null): { weights: number[]; mean: number } {
  const vs = Array.from(values);
  if (!explicit) return { weights: vs, mean: 0 };
  const mean = vs.reduce((a, b) => a + b, 0) / (vs.length || 1);
  const centred = vs.map((v) => v - mean);
  if (centred.some((w) => w !== 0)) return { weights: centred, mean };
  const mid = scale ? (scale[0] + scale[1]) / 2 : 0;
  return { weights: vs.map(() => (mean >= mid ? 1 : -1)), mean };
}

class ContentRecommender implements Recommender {
  readonly model = 'content' as const;
  private readonly dim: number;

  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    private readonly params: { textWeight: number; maxTerms: number },
    private readonly s: ContentState,
  ) {
    this.dim = s.matrix.features.length;
  }

  /** Unit profile of a training user, or null when it has no direction. */
  private profile(user: number): Float32Array | null {
    const p = new Float32Array(this.dim);
    for (let q = this.s.start[user]; q < this.s.start[user + 1]; q++) addRow(this.s.matrix, this.s.item[q], this.s.weight[q], p);
    return unit(p) ? p : null;
  }

  private toScale(user: number, cos: number): number {
    if (!this.s.explicit || !this.s.scale) return cos;
    const [lo, hi] = this.s.scale;
    return Math.min(hi, Math.max(lo, this.s.userMean[user] + (cos * (hi - lo)) / 2));
  }

  predict(user: number, item: number): number {
    const p = this.profile(user);
    let cos = 0;
    if (p) for (let q = this.s.matrix.indptr[item]; q < this.s.matrix.indptr[item + 1]; q++) cos += p[this.s.matrix.index[q]] * this.s.matrix.value[q];
    return this.toScale(user, cos);
  }

  scoreAll(user: number, out = new Float32Array(this.items.length)): Float32Array {
    const p = this.profile(user);
    if (!p) out.fill(0);
    else dotAll(this.s.matrix, p, out);
    for (let i = 0; i < out.length; i++) out[i] = this.toScale(user, out[i]);
    return out;
  }

  /**
   * Cosine scores for someone new: the profile of their history (weights as for training users) plus the
   * vector of their stated preferences (see preferenceVector), each of unit length. Numeric bounds filter:
   * an item outside one scores −Infinity (every ranking skips it). Null without any usable signal.
   */
  scoreCold(history: ReadonlyMap<number, number>, prefer: Readonly<Record<string, string[]>> = {}): Float32Array | null {
    const p = new Float32Array(this.dim);
    const known = [...history].filter(([i]) => i >= 0 && i < this.items.length);
    const { weights } = profileWeights(known.map(([, v]) => v), this.s.explicit, this.s.scale);
    known.forEach(([i], j) => addRow(this.s.matrix, i, weights[j], p));
    const fromHistory = unit(p);
    const pref = preferenceVector(this.s.matrix.features, Object.keys(this.s.numbers), prefer);
    if (!unit(pref.vector) && !fromHistory) return null;
    for (let j = 0; j < this.dim; j++) p[j] += pref.vector[j];
    const out = dotAll(this.s.matrix, p, new Float32Array(this.items.length));
    for (const b of pref.bounds) {
      const xs = this.s.numbers[b.col];
      for (let i = 0; i < out.length; i++) if (!(xs[i] >= b.lo && xs[i] <= b.hi)) out[i] = -Infinity;
    }
    return out;
  }

  similar(item: number, k: number): { item: number; score: number }[] {
    const v = new Float32Array(this.dim);
    addRow(this.s.matrix, item, 1, v);
    const scores = dotAll(this.s.matrix, v, new Float32Array(this.items.length));
    return topK(scores, k, new Set([item])).filter((i) => scores[i] > 0).map((i) => ({ item: i, score: scores[i] }));
  }

  /** "like X; tags: jazz, live": the liked item most similar to this one, then the shared features that weigh most. */
  reason(user: number, item: number): Reason {
    const m = this.s.matrix;
    const v = new Float32Array(this.dim);
    addRow(m, item, 1, v);
    let like = -1;
    let likeScore = 0;
    for (let q = this.s.start[user]; q < this.s.start[user + 1]; q++) {
      const j = this.s.item[q];
      if (j === item || this.s.weight[q] <= 0) continue;
      let s = 0;
      for (let r = m.indptr[j]; r < m.indptr[j + 1]; r++) s += v[m.index[r]] * m.value[r];
      if (s * this.s.weight[q] > likeScore) { likeScore = s * this.s.weight[q]; like = j; }
    }
    const p = this.profile(user) ?? new Float32Array(this.dim);
    const shared: { feature: string; c: number }[] = [];
    for (let r = m.indptr[item]; r < m.indptr[item + 1]; r++) {
      const c = p[m.index[r]] * m.value[r];
      if (c > 0) shared.push({ feature: m.features[m.index[r]], c });
    }
    shared.sort((a, b) => b.c - a.c);
    const groups = new Map<string, string[]>();
    for (const { feature } of shared.slice(0, 4)) {
      const { group, label } = featureLabel(feature);
      groups.set(group, [...(groups.get(group) ?? []), label]);
    }
    const parts = [...(like >= 0 ? [`like ${this.items[like]}`] : []), ...[...groups].map(([g, ls]) => `${g}: ${ls.join(', ')}`)];
    return like >= 0
      ? { text: parts.join('; '), items: [like] }
      : { text: parts.length ? parts.join('; ') : 'close to what you interacted with' };
  }

  /** Dense item vectors; above MAX_MAP_FLOATS only the columns with the most total weight. */
  itemVectors(): { dim: number; data: Float32Array } {
    const m = this.s.matrix;
    const n = this.items.length;
    let cols = [...Array(this.dim).keys()];
    if (n * this.dim > MAX_MAP_FLOATS) {
      const mass = new Float64Array(this.dim);
      for (let q = 0; q < m.index.length; q++) mass[m.index[q]] += Math.abs(m.value[q]);
      cols = cols.sort((a, b) => mass[b] - mass[a] || a - b).slice(0, Math.max(1, Math.floor(MAX_MAP_FLOATS / n))).sort((a, b) => a - b);
    }
    const at = new Int32Array(this.dim).fill(-1);
    cols.forEach((c, j) => (at[c] = j));
    const data = new Float32Array(n * cols.length);
    for (let i = 0; i < n; i++) {
      for (let q = m.indptr[i]; q < m.indptr[i + 1]; q++) if (at[m.index[q]] >= 0) data[i * cols.length + at[m.index[q]]] = m.value[q];
    }
    return { dim: cols.length, data };
  }

  toJSON(): RecommenderArtifact {
    const s = this.s;
    return {
      model: 'content', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params },
      state: {
        features: s.matrix.features, indptr: encodeI32(s.matrix.indptr), index: encodeI32(s.matrix.index), value: encodeF32(s.matrix.value),
        numbers: Object.fromEntries(Object.entries(s.numbers).map(([k, v]) => [k, encodeF64(v)])),
        start: encodeI32(s.start), item: encodeI32(s.item), weight: encodeF32(s.weight), userMean: encodeF32(s.userMean),
        explicit: s.explicit, scale: s.scale,
      },
    };
  }
}

export function fitContent(train: Interactions, opts: RecommendFitOptions): Recommender {
  if (!opts.itemFeatures) throw new Error('the content model needs an item-features dataset');
  const params = recommendParams('content', opts.params);
  const nItems = train.items.length;
  opts.onProgress?.(0, 'item vectors');
  const matrix = buildItemMatrix(opts.itemFeatures, nItems, params.textWeight, params.maxTerms);
  opts.onProgress?.(0.8, 'user profiles');
  const rows = userRows(train);
  const weight = new Float32Array(rows.item.length);
  const userMean = new Float32Array(train.users.length);
  for (let u = 0; u < train.users.length; u++) {
    const { weights, mean } = profileWeights(rows.value.subarray(rows.start[u], rows.start[u + 1]), train.explicit, train.scale);
    weight.set(weights, rows.start[u]);
    userMean[u] = mean;
  }
  const numbers = Object.fromEntries(Object.entries(opts.itemFeatures.numbers).map(([k, v]) => [k, Float64Array.from({ length: nItems }, (_, i) => v[i] ?? NaN)]));
  opts.onProgress?.(1, 'done');
  return new ContentRecommender(train.users, train.items, params, {
    matrix, numbers, start: rows.start, item: rows.item, weight, userMean, explicit: train.explicit, scale: train.scale,
  });
}

export function loadContent(artifact: RecommenderArtifact): Recommender {
  if (artifact.model !== 'content') throw new Error(`not a content model: ${artifact.model}`);
  const st = artifact.state as Record<string, unknown> & { features: string[]; numbers: Record<string, string>; explicit: boolean; scale: [number, number] | null };
  const str = (k: string) => st[k] as string;
  return new ContentRecommender(artifact.users, artifact.items, recommendParams('content', artifact.params), {
    matrix: { features: st.features, indptr: decodeI32(str('indptr')), index: decodeI32(str('index')), value: decodeF32(str('value')) },
    numbers: Object.fromEntries(Object.entries(st.numbers).map(([k, v]) => [k, decodeF64(v)])),
    start: decodeI32(str('start')), item: decodeI32(str('item')), weight: decodeF32(str('weight')), userMean: decodeF32(str('userMean')),
    explicit: st.explicit, scale: st.scale,
  });
}
