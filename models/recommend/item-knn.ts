/**
 * Item k-NN: cosine similarity between items' interaction vectors (ratings or implicit weights),
 * shrunk by n/(n + shrinkage) where n is the number of users the two share, keeping each item's
 * `neighbours` most similar items (positive similarities only) in a sparse table. A user's score for
 * item i is Σ over the user's items j of sim(j → i) · value(u, j). On ratings, `predict` is a baseline
 * b_ui = μ + b_u + b_i plus the similarity-weighted mean of the user's residuals r_uj − b_uj over the
 * items j that have i among their neighbours (as Surprise's KNNBaseline); the biases are shrunk means
 * (items first, then users on what the items leave), regularized as Surprise's baseline defaults.
 */
import { decodeF32, decodeI32, encodeF32, encodeI32 } from './codec';
import { recommendParams } from './params';
import { userRows, type UserRows } from './ranking';
import type { Interactions, Reason, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';

/** Item j's neighbours are nbItem / nbSim[nbStart[j] .. nbStart[j + 1]], most similar first. */
interface Neighbours {
  nbStart: Int32Array;
  nbItem: Int32Array;
  nbSim: Float32Array;
}

/** Surprise's baseline regularization of item and user biases. */
const ITEM_BIAS_REG = 10;
const USER_BIAS_REG = 15;

/** μ + b_u + b_i, the rating a user would give an item were it not for their tastes. */
interface Baseline {
  mu: number;
  bu: Float32Array;
  bi: Float32Array;
}

interface KnnState {
  nbStart: string;
  nbItem: string;
  nbSim: string;
  rowStart: string;
  rowItem: string;
  rowValue: string;
  baseline: { mu: number; bu: string; bi: string } | null;
}

class ItemKnn implements Recommender {
  readonly model = 'item-knn' as const;
  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    private readonly params: { neighbours: number; shrinkage: number },
    private readonly nb: Neighbours,
    /** Each user's training items and values. */
    private readonly rows: Pick<UserRows, 'start' | 'item' | 'value'>,
    /** Explicit only. */
    private readonly baseline: Baseline | null,
  ) {}

  private base(user: number, item: number): number {
    const b = this.baseline!;
    return b.mu + b.bu[user] + b.bi[item];
  }

  private accumulate(item: number, value: number, out: Float32Array): void {
    const { nbStart, nbItem, nbSim } = this.nb;
    for (let q = nbStart[item]; q < nbStart[item + 1]; q++) out[nbItem[q]] += nbSim[q] * value;
  }

  /** sim(j → item) when item is among j's neighbours, else 0. */
  private simTo(j: number, item: number): number {
    const { nbStart, nbItem, nbSim } = this.nb;
    for (let q = nbStart[j]; q < nbStart[j + 1]; q++) if (nbItem[q] === item) return nbSim[q];
    return 0;
  }

  predict(user: number, item: number): number {
    const { start, item: its, value } = this.rows;
    const explicit = this.baseline !== null;
    let num = 0;
    let den = 0;
    for (let p = start[user]; p < start[user + 1]; p++) {
      const s = this.simTo(its[p], item);
      if (s === 0) continue;
      num += s * (explicit ? value[p] - this.base(user, its[p]) : value[p]);
      den += s;
    }
    if (!explicit) return num;
    return this.base(user, item) + (den > 0 ? num / den : 0);
  }

  scoreAll(user: number, out = new Float32Array(this.items.length)): Float32Array {
    out.fill(0);
    const { start, item, value } = this.rows;
    for (let p = start[user]; p < start[user + 1]; p++) this.accumulate(item[p], value[p], out);
    return out;
  }

  scoreCold(history: ReadonlyMap<number, number>): Float32Array | null {
    if (history.size === 0) return null;
    const out = new Float32Array(this.items.length);
    for (const [item, value] of history) this.accumulate(item, value, out);
    return out;
  }

  similar(item: number, k: number): { item: number; score: number }[] {
    const { nbStart, nbItem, nbSim } = this.nb;
    const out: { item: number; score: number }[] = [];
    for (let q = nbStart[item]; q < Math.min(nbStart[item + 1], nbStart[item] + k); q++) out.push({ item: nbItem[q], score: nbSim[q] });
    return out;
  }

  reason(user: number, item: number): Reason {
    const { start, item: its, value } = this.rows;
    let best = -1;
    let bestContribution = 0;
    for (let p = start[user]; p < start[user + 1]; p++) {
      const c = this.simTo(its[p], item) * value[p];
      if (c > bestContribution) {
        bestContribution = c;
        best = its[p];
      }
    }
    return best >= 0 ? { text: `Because you liked ${this.items[best]}`, items: [best] } : { text: 'Like other items you interacted with' };
  }

  itemVectors(): null {
    return null;
  }

  toJSON(): RecommenderArtifact {
    const state: KnnState = {
      nbStart: encodeI32(this.nb.nbStart),
      nbItem: encodeI32(this.nb.nbItem),
      nbSim: encodeF32(this.nb.nbSim),
      rowStart: encodeI32(this.rows.start),
      rowItem: encodeI32(this.rows.item),
      rowValue: encodeF32(this.rows.value),
      baseline: this.baseline ? { mu: this.baseline.mu, bu: encodeF32(this.baseline.bu), bi: encodeF32(this.baseline.bi) } : null,
    };
    return { model: 'item-knn', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params }, state };
  }
}

/** Each item's `neighbours` most similar items by shrunk cosine, from the users' rows and the items' rows. */
function neighbours(byUser: UserRows, byItem: UserRows, nItems: number, keep: number, shrinkage: number, opts: RecommendFitOptions): Neighbours {
  const norm = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let s = 0;
    for (let p = byItem.start[i]; p < byItem.start[i + 1]; p++) s += byItem.value[p] * byItem.value[p];
    norm[i] = Math.sqrt(s);
  }
  const dot = new Float64Array(nItems);
  const shared = new Int32Array(nItems);
  const touched = new Int32Array(nItems);
  const candidates = new Float64Array(nItems);
  const order: number[] = [];
  const nbStart = new Int32Array(nItems + 1);
  const nbItem: number[] = [];
  const nbSim: number[] = [];
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0;
    for (let p = byItem.start[i]; p < byItem.start[i + 1]; p++) {
      const u = byItem.item[p];
      const vi = byItem.value[p];
      for (let q = byUser.start[u]; q < byUser.start[u + 1]; q++) {
        const j = byUser.item[q];
        if (j === i) continue;
        if (shared[j] === 0) touched[nTouched++] = j;
        dot[j] += vi * byUser.value[q];
        shared[j]++;
      }
    }
    order.length = 0;
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t];
      const n = shared[j];
      const s = norm[i] > 0 && norm[j] > 0 ? (dot[j] / (norm[i] * norm[j])) * (n / (n + shrinkage)) : 0;
      if (s > 0) {
        candidates[j] = s;
        order.push(j);
      }
      dot[j] = 0;
      shared[j] = 0;
    }
    order.sort((a, b) => candidates[b] - candidates[a] || a - b);
    for (let t = 0; t < Math.min(keep, order.length); t++) {
      nbItem.push(order[t]);
      nbSim.push(candidates[order[t]]);
    }
    nbStart[i + 1] = nbItem.length;
    if ((i & 1023) === 1023) opts.onProgress?.(i / nItems, `similarities of ${i + 1} of ${nItems} items`);
  }
  return { nbStart, nbItem: Int32Array.from(nbItem), nbSim: Float32Array.from(nbSim) };
}

function baselineOf(train: Interactions): Baseline {
  const n = train.value.length;
  let total = 0;
  for (const v of train.value) total += v;
  const mu = n ? total / n : 0;
  const shrunkMean = (of: Int32Array, size: number, reg: number, residual: (r: number) => number) => {
    const sum = new Float64Array(size);
    const count = new Float64Array(size);
    for (let r = 0; r < n; r++) {
      sum[of[r]] += residual(r);
      count[of[r]]++;
    }
    return Float32Array.from(sum, (s, x) => s / (count[x] + reg));
  };
  const bi = shrunkMean(train.item, train.items.length, ITEM_BIAS_REG, (r) => train.value[r] - mu);
  const bu = shrunkMean(train.user, train.users.length, USER_BIAS_REG, (r) => train.value[r] - mu - bi[train.item[r]]);
  return { mu, bu, bi };
}

export function fitItemKnn(train: Interactions, opts: RecommendFitOptions = {}): Recommender {
  const params = recommendParams('item-knn', opts.params);
  const byUser = userRows(train);
  // The same grouping with the roles swapped gives each item's users.
  const byItem = userRows({ ...train, users: train.items, items: train.users, user: train.item, item: train.user });
  const nb = neighbours(byUser, byItem, train.items.length, params.neighbours, params.shrinkage, opts);
  opts.onProgress?.(1, 'similarities done');
  return new ItemKnn(train.users, train.items, params, nb, byUser, train.explicit ? baselineOf(train) : null);
}

export function loadItemKnn(artifact: RecommenderArtifact): Recommender {
  const s = artifact.state as KnnState;
  const params = recommendParams('item-knn', artifact.params);
  const nb = { nbStart: decodeI32(s.nbStart), nbItem: decodeI32(s.nbItem), nbSim: decodeF32(s.nbSim) };
  const rows = { start: decodeI32(s.rowStart), item: decodeI32(s.rowItem), value: decodeF32(s.rowValue) };
  const b = s.baseline;
  return new ItemKnn(artifact.users, artifact.items, params, nb, rows, b ? { mu: b.mu, bu: decodeF32(b.bu), bi: decodeF32(b.bi) } : null);
}
