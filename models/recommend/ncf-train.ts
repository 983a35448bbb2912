/**
 * NeuMF training: TF.js computes each batch's loss and its gradients with respect to the gathered embedding
 * rows and the dense weights; Adam then updates, in plain TypeScript, only the embedding rows the batch
 * touched (lazy Adam, as TF Addons' LazyAdam and PyTorch's SparseAdam) and the dense weights. A dense
 * update would rewrite every user's and item's moments on every batch, which is most of the cost once
 * there are tens of thousands of users. Batches are built from typed arrays in a seeded order; every
 * tensor is created and freed inside one batch.
 *
 * Nothing in the schema regularises the embeddings, and a user's few ratings are soon memorised (on
 * goodbooks the held-out error passes the global mean's by the tenth epoch), so a seeded share of the
 * interactions is held out: the weights of the epoch with the lowest validation loss are kept, and
 * training stops once PATIENCE epochs in a row have not improved on it.
 */
import { tf } from '../mlp/backend';
import { range, shuffleInPlace } from '../split/prng';
import { SeededRng } from '../nn/train/rng';
import { checkNcfResumable, decodeInto, encodeAll, type NcfCheckpoint, type NcfCheckpointFingerprint } from './ncf-checkpoint';
import { denseWeights, gatherRows, logits, scorePairs, type NcfShape, type NcfWeights } from './ncf-net';

export interface NcfTrainSettings {
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** Sampled non-interacted items per positive (implicit); ignored for ratings. */
  negatives: number;
  seed: number;
  onProgress?: (fraction: number, message: string) => void;
  onMetrics?: (step: number, values: Record<string, number>) => void;
  shouldStop?: () => boolean;
  /** Goes on from this checkpoint (made by a run with the same data and settings) instead of from `w`. */
  resumeFrom?: NcfCheckpoint;
  /** The training state after each whole epoch, to resume from. */
  onCheckpoint?: (checkpoint: NcfCheckpoint) => void;
}

/** Training rows: user, item and the target in 0..1 (a scaled rating, or 1 for an implicit positive). */
export interface NcfRows {
  user: Int32Array;
  item: Int32Array;
  target: Float32Array;
  /** True: mean squared error on the sigmoid output; false: binary cross-entropy with sampled negatives. */
  regression: boolean;
  /** Rating range, to report the training RMSE in rating units (regression only). */
  range: number;
}

export interface NcfTrainResult {
  /** Epochs completed. */
  epochs: number;
  /** The epoch whose weights were kept (the last one without a validation share). */
  bestEpoch: number;
  stopped: 'epochs' | 'patience' | 'cancelled';
  /** Interactions held out for the validation loss (0 below MIN_VALIDATION_ROWS). */
  validationRows: number;
}

const BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-7;
/** Share of the interactions held out to choose the epoch, and the fewest interactions that makes worth it. */
const VALIDATION_SHARE = 0.05;
const MIN_VALIDATION_ROWS = 100;
const PATIENCE = 3;

/** Adam moments of one weight array; `step` updates the given rows (all when none are given). */
class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;

  constructor(readonly w: Float32Array, private readonly dim: number) {
    this.m = new Float32Array(w.length);
    this.v = new Float32Array(w.length);
  }

  /** `grad` holds one row of `dim` per entry of `rows` (or the whole array); `lr` is already bias-corrected. */
  step(grad: ArrayLike<number>, lr: number, rows?: ArrayLike<number>): void {
    const { w, m, v, dim } = this;
    const n = rows ? rows.length : w.length / dim;
    for (let r = 0; r < n; r++) {
      const base = (rows ? rows[r] : r) * dim;
      for (let j = 0; j < dim; j++) {
        const g = grad[r * dim + j], q = base + j;
        m[q] = BETA1 * m[q] + (1 - BETA1) * g;
        v[q] = BETA2 * v[q] + (1 - BETA2) * g * g;
        w[q] -= (lr * m[q]) / (Math.sqrt(v[q]) + EPS);
      }
    }
  }
}

/** Sums the gradient rows of a batch per distinct index: `rows` lists the indices, `grad` their summed rows. */
class RowAccumulator {
  private readonly slot: Int32Array;
  readonly rows: number[] = [];
  private sums: Float32Array;

  constructor(count: number, private readonly dim: number) {
    this.slot = new Int32Array(count).fill(-1);
    this.sums = new Float32Array(0);
  }

  collect(index: Int32Array, grad: Float32Array, n: number): Float32Array {
    const d = this.dim;
    if (this.sums.length < n * d) this.sums = new Float32Array(n * d);
    for (const r of this.rows) this.slot[r] = -1;
    this.rows.length = 0;
    this.sums.fill(0, 0, n * d);
    for (let b = 0; b < n; b++) {
      let s = this.slot[index[b]];
      if (s < 0) {
        s = this.slot[index[b]] = this.rows.length;
        this.rows.push(index[b]);
      }
      for (let j = 0; j < d; j++) this.sums[s * d + j] += grad[b * d + j];
    }
    return this.sums;
  }
}

/** Each user's items, sorted, to draw negatives that the user has not interacted with. */
function itemsByUser(rows: NcfRows, users: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(users + 1);
  for (let r = 0; r < rows.user.length; r++) start[rows.user[r] + 1]++;
  for (let u = 0; u < users; u++) start[u + 1] += start[u];
  const fill = start.slice(0, users);
  const items = new Int32Array(rows.user.length);
  for (let r = 0; r < rows.user.length; r++) items[fill[rows.user[r]]++] = rows.item[r];
  for (let u = 0; u < users; u++) items.subarray(start[u], start[u + 1]).sort();
  return { start, items };
}

function contains(sorted: Int32Array, x: number): boolean {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The batch's mean loss, from the gathered rows, the targets and the dense weights (the order of `args`). */
function batchLoss(s: NcfShape, regression: boolean, [ug, ig, um, im, y, ...dense]: tf.Tensor[]): tf.Scalar {
  const z = logits(s, ug, ig, um, im, dense);
  return regression ? tf.losses.meanSquaredError(y, tf.sigmoid(z)) : tf.losses.sigmoidCrossEntropy(y, z);
}

/** Mean loss of fixed (user, item, target) rows under the current weights, as `batchLoss` would give it. */
function validationLoss(s: NcfShape, w: NcfWeights, v: { user: Int32Array; item: Int32Array; target: Float32Array }, regression: boolean): number {
  const p = scorePairs(s, w, v.user, v.item);
  let sum = 0;
  for (let r = 0; r < p.length; r++) {
    const t = v.target[r];
    // The same clamp as TF.js's sigmoid cross-entropy would need at 0 or 1, so a saturated output stays finite.
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[r]));
    sum += regression ? (p[r] - t) ** 2 : -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
  }
  return sum / p.length;
}

/** Splits the rows into training and a seeded validation share; users with one interaction stay in training. */
function holdOut(rows: NcfRows, users: number, rand: () => number): { train: Int32Array; valid: Int32Array } {
  const n = rows.user.length;
  if (n * VALIDATION_SHARE < MIN_VALIDATION_ROWS) return { train: Int32Array.from(range(n)), valid: new Int32Array(0) };
  const count = new Int32Array(users);
  for (let r = 0; r < n; r++) count[rows.user[r]]++;
  const train: number[] = [], valid: number[] = [];
  for (let r = 0; r < n; r++) {
    if (count[rows.user[r]] > 1 && rand() < VALIDATION_SHARE) {
      valid.push(r);
      count[rows.user[r]]--;
    } else train.push(r);
  }
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}

/** A user's non-interacted item, uniformly; one who has seen (nearly) every item gets a random one after a few tries. */
function negativeItem(seen: { start: Int32Array; items: Int32Array }, u: number, items: number, rand: () => number): number {
  const own = seen.items.subarray(seen.start[u], seen.start[u + 1]);
  let j = Math.floor(rand() * items);
  for (let tries = 0; tries < 20 && contains(own, j); tries++) j = Math.floor(rand() * items);
  return j;
}

const copyWeights = (w: NcfWeights): Float32Array[] => allArrays(w).map((a) => a.slice());
const allArrays = (w: NcfWeights): Float32Array[] => [w.userGmf, w.itemGmf, w.userMlp, w.itemMlp, ...w.kernels, ...w.biases, w.outKernel, w.outBias];

/** Trains `w` in place; on return it holds the kept epoch's weights. */
export function trainNcf(s: NcfShape, w: NcfWeights, rows: NcfRows, t: NcfTrainSettings): NcfTrainResult {
  const f = s.factors, e = s.mlpDim;
  const negatives = rows.regression ? 0 : t.negatives;
  const group = 1 + negatives;
  const perBatch = Math.max(1, Math.floor(t.batchSize / group));
  const B = perBatch * group;
  const rng = new SeededRng(t.seed ^ 0x2545f491);
  const rand = () => rng.next();
  // Negatives are drawn outside everything the user did, held-out interactions included.
  const seen = negatives > 0 ? itemsByUser(rows, s.users) : null;
  const split = holdOut(rows, s.users, rand);
  const valid = validationRows(split.valid, rows, seen, negatives, s.items, rand);
  const bu = new Int32Array(B), bi = new Int32Array(B), by = new Float32Array(B);
  const dense = denseWeights(s, w);
  const tables = [
    { w: w.userGmf, dim: f, index: bu, acc: new RowAccumulator(s.users, f) },
    { w: w.itemGmf, dim: f, index: bi, acc: new RowAccumulator(s.items, f) },
    { w: w.userMlp, dim: e, index: bu, acc: new RowAccumulator(s.users, e) },
    { w: w.itemMlp, dim: e, index: bi, acc: new RowAccumulator(s.items, e) },
  ].map((x) => ({ ...x, adam: new Adam(x.w, x.dim) }));
  const denseAdam = dense.map((d) => new Adam(d.data, 1));
  const lossAndGrads = tf.valueAndGrads((...args: tf.Tensor[]) => batchLoss(s, rows.regression, args));
  const nPos = split.train.length;
  const batches = Math.ceil(nPos / perBatch);
  const result: NcfTrainResult = { epochs: 0, bestEpoch: 0, stopped: 'epochs', validationRows: split.valid.length };
  let best = { loss: Infinity, weights: null as Float32Array[] | null };
  let step = 0;
  const adams = [...tables.map((x) => x.adam), ...denseAdam];
  const fingerprint: NcfCheckpointFingerprint = {
    seed: t.seed, batchSize: t.batchSize, negatives, learningRate: t.learningRate, rows: rows.user.length, users: s.users, items: s.items, sizes: adams.map((a) => a.w.length),
  };
  const curves: Record<string, number>[] = [];
  if (t.resumeFrom) {
    // The split and validation negatives above were drawn again from the seed; the rest comes from the checkpoint.
    const c = t.resumeFrom;
    checkNcfResumable(c, fingerprint);
    decodeInto(c.weights, adams.map((a) => a.w), 'weight');
    decodeInto(c.adam.m, adams.map((a) => a.m), 'first-moment');
    decodeInto(c.adam.v, adams.map((a) => a.v), 'second-moment');
    step = c.adam.step;
    rng.state = c.rng;
    curves.push(...c.curves);
    result.epochs = c.epoch;
    result.bestEpoch = c.best.epoch;
    if (c.best.loss !== null) best = { loss: c.best.loss, weights: c.best.weights ? allArrays(w).map((a) => new Float32Array(a.length)) : copyWeights(w) };
    if (c.best.weights) decodeInto(c.best.weights, best.weights!, 'best-weight');
  }
  for (let epoch = result.epochs + 1; epoch <= t.epochs; epoch++) {
    const order = shuffleInPlace(split.train.slice(), rand);
    let lossSum = 0, lossCount = 0;
    for (let batch = 0; batch < batches; batch++) {
      if (t.shouldStop?.()) {
        result.stopped = 'cancelled';
        break;
      }
      let n = 0;
      for (let p = batch * perBatch; p < Math.min(nPos, (batch + 1) * perBatch); p++) {
        const r = order[p], u = rows.user[r];
        bu[n] = u; bi[n] = rows.item[r]; by[n++] = rows.target[r];
        for (let q = 0; q < negatives; q++) {
          bu[n] = u; bi[n] = negativeItem(seen!, u, s.items, rand); by[n++] = 0;
        }
      }
      const inputs = [
        ...tables.map((x) => tf.tensor2d(gatherRows(x.w, x.dim, x.index, n), [n, x.dim])),
        tf.tensor2d(by.subarray(0, n), [n, 1]),
        ...dense.map((d) => tf.tensor(d.data, d.shape)),
      ];
      const { value, grads } = lossAndGrads(inputs);
      const gradData = grads.map((g) => g.dataSync() as Float32Array);
      const loss = value.dataSync()[0];
      tf.dispose([value, ...grads, ...inputs]);
      step++;
      const lr = (t.learningRate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
      tables.forEach((x, k) => x.adam.step(x.acc.collect(x.index, gradData[k], n), lr, x.acc.rows));
      denseAdam.forEach((a, k) => a.step(gradData[5 + k], lr));
      lossSum += loss * n;
      lossCount += n;
      if (batch % 50 === 49) t.onProgress?.((epoch - 1 + (batch + 1) / batches) / t.epochs, `epoch ${epoch} of ${t.epochs}`);
    }
    if (result.stopped === 'cancelled') break;
    result.epochs = epoch;
    const metrics: Record<string, number> = { loss: lossSum / Math.max(1, lossCount) };
    if (rows.regression) metrics.rmse = Math.sqrt(metrics.loss) * rows.range;
    if (valid) {
      metrics.val_loss = validationLoss(s, w, valid, rows.regression);
      if (rows.regression) metrics.val_rmse = Math.sqrt(metrics.val_loss) * rows.range;
    }
    t.onMetrics?.(epoch, metrics);
    curves.push(metrics);
    t.onProgress?.(epoch / t.epochs, `epoch ${epoch} of ${t.epochs}`);
    if (!valid) result.bestEpoch = epoch;
    // A NaN loss never counts as better: a diverged epoch keeps the last good weights.
    else if (metrics.val_loss < best.loss) {
      best = { loss: metrics.val_loss, weights: copyWeights(w) };
      result.bestEpoch = epoch;
    } else if (epoch - result.bestEpoch >= PATIENCE) {
      result.stopped = 'patience';
      break;
    }
    if (t.onCheckpoint) {
      t.onCheckpoint({
        format: 'lathe-ncf-checkpoint', version: 1, epoch, fingerprint,
        weights: encodeAll(adams.map((a) => a.w)),
        adam: { step, m: encodeAll(adams.map((a) => a.m)), v: encodeAll(adams.map((a) => a.v)) },
        rng: rng.state,
        // The best epoch's weights are the current ones when it is this epoch.
        best: { epoch: result.bestEpoch, loss: Number.isFinite(best.loss) ? best.loss : null, weights: best.weights && result.bestEpoch !== epoch ? encodeAll(best.weights) : null },
        curves: curves.map((m) => ({ ...m })),
      });
    }
  }
  if (best.weights) allArrays(w).forEach((a, k) => a.set(best.weights![k]));
  return result;
}

/** The held-out positives and, for implicit feedback, `negatives` fixed sampled items per positive (target 0). */
function validationRows(index: Int32Array, rows: NcfRows, seen: { start: Int32Array; items: Int32Array } | null, negatives: number, items: number, rand: () => number) {
  if (index.length === 0) return null;
  const n = index.length * (1 + negatives);
  const v = { user: new Int32Array(n), item: new Int32Array(n), target: new Float32Array(n) };
  let k = 0;
  for (const r of index) {
    const u = rows.user[r];
    v.user[k] = u; v.item[k] = rows.item[r]; v.target[k++] = rows.target[r];
    for (let q = 0; q < negatives; q++) {
      v.user[k] = u; v.item[k] = negativeItem(seen!, u, items, rand); v.target[k++] = 0;
    }
  }
  return v;
}
