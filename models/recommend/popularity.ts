/**
 * Popularity: an item's share of the training interactions (implicit: of the summed weights; explicit:
 * of the ratings), each weighted by 2^(−age / half-life) when a half-life is set (age from the latest
 * training time; rows without a time count as the oldest). With user features, users are grouped by a
 * category column (`segment`) and ranked by their segment's shares, shrunk towards the global ones by
 * SEGMENT_PRIOR pseudo-interactions so a small segment does not rank on a handful of rows; this is what
 * ranks cold users with a known segment. `predict` on ratings is the item's mean rating shrunk towards
 * the global mean by RATING_PRIOR pseudo-ratings (the usual damped-mean baseline).
 */
import { decodeF32, decodeI32, encodeF32, encodeI32 } from './codec';
import { recommendParams } from './params';
import type { Interactions, Reason, RecommendFitOptions, Recommender, RecommenderArtifact, UserFeatures } from './types';

const DAY_MS = 86_400_000;
/** Pseudo-interactions (at the global shares) added to each segment. */
const SEGMENT_PRIOR = 20;
/** Pseudo-ratings (at the global mean) added to each item's mean rating. */
const RATING_PRIOR = 5;

interface PopularityState {
  global: string;
  itemRating: string | null;
  segment: { column: string; names: string[]; scores: string; ofUser: string } | null;
}

interface Segments {
  column: string;
  names: string[];
  /** nSegments × nItems shares. */
  scores: Float32Array;
  /** Segment of each user, −1 for none. */
  ofUser: Int32Array;
}

class Popularity implements Recommender {
  readonly model = 'popularity' as const;
  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    private readonly params: { halfLifeDays: number },
    private readonly global: Float32Array,
    private readonly itemRating: Float32Array | null,
    private readonly segments: Segments | null,
  ) {}

  private row(seg: number): Float32Array {
    if (!this.segments || seg < 0) return this.global;
    const n = this.items.length;
    return this.segments.scores.subarray(seg * n, (seg + 1) * n);
  }

  predict(user: number, item: number): number {
    return this.itemRating ? this.itemRating[item] : this.row(this.segments?.ofUser[user] ?? -1)[item];
  }

  scoreAll(user: number, out = new Float32Array(this.items.length)): Float32Array {
    out.set(this.row(this.segments?.ofUser[user] ?? -1));
    return out;
  }

  scoreCold(_history: ReadonlyMap<number, number>, prefer?: Readonly<Record<string, string[]>>): Float32Array {
    const s = this.segments;
    const wanted = s ? prefer?.[s.column]?.[0] : undefined;
    const seg = s && wanted !== undefined ? s.names.indexOf(wanted) : -1;
    return Float32Array.from(this.row(seg));
  }

  reason(user: number): Reason {
    const seg = this.segments?.ofUser[user] ?? -1;
    const when = this.params.halfLifeDays > 0 ? ' lately' : '';
    if (seg >= 0) return { text: `Popular${when} with ${this.segments!.column} ${this.segments!.names[seg]}` };
    return { text: `Popular${when}` };
  }

  itemVectors(): null {
    return null;
  }

  toJSON(): RecommenderArtifact {
    const s = this.segments;
    const state: PopularityState = {
      global: encodeF32(this.global),
      itemRating: this.itemRating ? encodeF32(this.itemRating) : null,
      segment: s ? { column: s.column, names: s.names, scores: encodeF32(s.scores), ofUser: encodeI32(s.ofUser) } : null,
    };
    return { model: 'popularity', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params }, state };
  }
}

/** Each interaction's weight: its value (implicit) or 1 (a rating), decayed by age when a half-life is set. */
function weights(train: Interactions, halfLifeDays: number): Float64Array {
  const n = train.user.length;
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[r] = train.explicit ? 1 : train.value[r];
  if (halfLifeDays <= 0) return w;
  const time = train.time;
  if (!time) throw new Error('params.halfLifeDays: a half-life needs a time column (set it to 0 for no decay)');
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of time)
    if (!Number.isNaN(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  for (let r = 0; r < n; r++) {
    const age = hi - (Number.isNaN(time[r]) ? lo : time[r]);
    w[r] *= Math.pow(0.5, age / (halfLifeDays * DAY_MS));
  }
  return w;
}

function shares(sum: Float64Array, total: number): Float32Array {
  const out = new Float32Array(sum.length);
  if (total > 0) for (let i = 0; i < sum.length; i++) out[i] = sum[i] / total;
  return out;
}

function segmentsOf(train: Interactions, w: Float64Array, global: Float32Array, features: UserFeatures): Segments | null {
  const column = features.segment ?? Object.keys(features.categories)[0];
  const values = column === undefined ? undefined : features.categories[column];
  if (!values) return null;
  const names: string[] = [];
  const index = new Map<string, number>();
  const ofUser = new Int32Array(train.users.length).fill(-1);
  for (let u = 0; u < ofUser.length; u++) {
    const v = values[u];
    if (v === null || v === undefined) continue;
    if (!index.has(v)) {
      index.set(v, names.length);
      names.push(v);
    }
    ofUser[u] = index.get(v)!;
  }
  if (names.length === 0) return null;
  const nItems = train.items.length;
  const sums = new Float64Array(names.length * nItems);
  const totals = new Float64Array(names.length);
  for (let r = 0; r < train.user.length; r++) {
    const seg = ofUser[train.user[r]];
    if (seg < 0) continue;
    sums[seg * nItems + train.item[r]] += w[r];
    totals[seg] += w[r];
  }
  const scores = new Float32Array(sums.length);
  for (let seg = 0; seg < names.length; seg++)
    for (let i = 0; i < nItems; i++) scores[seg * nItems + i] = (sums[seg * nItems + i] + SEGMENT_PRIOR * global[i]) / (totals[seg] + SEGMENT_PRIOR);
  return { column, names, scores, ofUser };
}

function itemRatings(train: Interactions): Float32Array {
  const nItems = train.items.length;
  const sum = new Float64Array(nItems);
  const count = new Float64Array(nItems);
  let total = 0;
  for (let r = 0; r < train.user.length; r++) {
    sum[train.item[r]] += train.value[r];
    count[train.item[r]]++;
    total += train.value[r];
  }
  const mu = train.user.length ? total / train.user.length : 0;
  const out = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) out[i] = (sum[i] + RATING_PRIOR * mu) / (count[i] + RATING_PRIOR);
  return out;
}

export function fitPopularity(train: Interactions, opts: RecommendFitOptions = {}): Recommender {
  const params = recommendParams('popularity', opts.params);
  const w = weights(train, params.halfLifeDays);
  const sum = new Float64Array(train.items.length);
  let total = 0;
  for (let r = 0; r < w.length; r++) {
    sum[train.item[r]] += w[r];
    total += w[r];
  }
  const global = shares(sum, total);
  const segments = opts.userFeatures ? segmentsOf(train, w, global, opts.userFeatures) : null;
  opts.onProgress?.(1, 'counted');
  return new Popularity(train.users, train.items, params, global, train.explicit ? itemRatings(train) : null, segments);
}

export function loadPopularity(artifact: RecommenderArtifact): Recommender {
  const state = artifact.state as PopularityState;
  const params = recommendParams('popularity', artifact.params);
  const s = state.segment;
  const segments = s ? { column: s.column, names: s.names, scores: decodeF32(s.scores), ofUser: decodeI32(s.ofUser) } : null;
  return new Popularity(artifact.users, artifact.items, params, decodeF32(state.global), state.itemRating ? decodeF32(state.itemRating) : null, segments);
}
