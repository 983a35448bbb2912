/**
 * NeuMF training: TF.js computes each batch's loss and its gradients with respect to the gathered embedding
 * rows and the dense weights; Adam then updates, in plain TypeScript, only the embedding rows the batch
 * touched (lazy Adam, as TF Addons' LazyAdam and PyTorch's SparseAdam) and the dense weights. A dense
 * update would rewrite every user's and item's moments on every batch, which is most of the cost once
 * there are tens of thousands of users. Batches are built from typed arrays in a seeded order; every
 * tensor is created and freed inside one batch.
 */
import { tf } from '../mlp/backend';
import { mulberry32, range, shuffleInPlace } from '../split/prng';
import type { NcfShape, NcfWeights } from './ncf-net';

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

const BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-7;

/** Adam moments of one weight array; `step` updates the given rows (all when none are given). */
class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(private readonly w: Float32Array, private readonly dim: number) {
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

/** The batch's mean loss, from the gathered rows and the dense weights (the order of `args`). */
function batchLoss(s: NcfShape, regression: boolean, [ug, ig, um, im, y, ...dense]: tf.Tensor[]): tf.Scalar {
  let h = tf.concat([um, im], 1);
  for (let k = 0; k < s.layers.length; k++) h = tf.relu(tf.add(tf.matMul(h, dense[2 * k]), dense[2 * k + 1]));
  const logit = tf.add(tf.matMul(tf.concat([tf.mul(ug, ig), h], 1), dense[2 * s.layers.length]), dense[2 * s.layers.length + 1]);
  return regression ? tf.losses.meanSquaredError(y, tf.sigmoid(logit)) : tf.losses.sigmoidCrossEntropy(y, logit);
}

/** Trains `w` in place. Returns the epochs completed and whether a stop request ended it. */
export function trainNcf(s: NcfShape, w: NcfWeights, rows: NcfRows, t: NcfTrainSettings): { epochs: number; stopped: boolean } {
  const f = s.factors, e = s.mlpDim;
  const negatives = rows.regression ? 0 : t.negatives;
  const group = 1 + negatives;
  const perBatch = Math.max(1, Math.floor(t.batchSize / group));
  const B = perBatch * group;
  const rand = mulberry32(t.seed ^ 0x2545f491);
  const seen = negatives > 0 ? itemsByUser(rows, s.users) : null;
  const bu = new Int32Array(B), bi = new Int32Array(B), by = new Float32Array(B);
  const gather = (table: Float32Array, dim: number, index: Int32Array, n: number) => {
    const out = new Float32Array(n * dim);
    for (let b = 0; b < n; b++) out.set(table.subarray(index[b] * dim, (index[b] + 1) * dim), b * dim);
    return out;
  };
  const denseArrays = s.layers.flatMap((_, k) => [w.kernels[k], w.biases[k]]).concat([w.outKernel, w.outBias]);
  const denseShapes = s.layers.flatMap((u, k) => [[k === 0 ? 2 * e : s.layers[k - 1], u], [u]]).concat([[f + s.layers[s.layers.length - 1], 1], [1]]);
  const tables = [
    { w: w.userGmf, dim: f, index: bu, acc: new RowAccumulator(s.users, f) },
    { w: w.itemGmf, dim: f, index: bi, acc: new RowAccumulator(s.items, f) },
    { w: w.userMlp, dim: e, index: bu, acc: new RowAccumulator(s.users, e) },
    { w: w.itemMlp, dim: e, index: bi, acc: new RowAccumulator(s.items, e) },
  ].map((x) => ({ ...x, adam: new Adam(x.w, x.dim) }));
  const denseAdam = denseArrays.map((a) => new Adam(a, 1));
  const lossAndGrads = tf.valueAndGrads((...args: tf.Tensor[]) => batchLoss(s, rows.regression, args));
  const nPos = rows.user.length;
  const batches = Math.ceil(nPos / perBatch);
  let step = 0, epoch = 0, stopped = false;
  for (; epoch < t.epochs && !stopped; epoch++) {
    const order = shuffleInPlace(range(nPos), rand);
    let lossSum = 0, lossCount = 0;
    for (let batch = 0; batch < batches; batch++) {
      if (t.shouldStop?.()) {
        stopped = true;
        break;
      }
      let n = 0;
      for (let p = batch * perBatch; p < Math.min(nPos, (batch + 1) * perBatch); p++) {
        const r = order[p], u = rows.user[r];
        bu[n] = u; bi[n] = rows.item[r]; by[n++] = rows.target[r];
        for (let q = 0; q < negatives; q++) {
          const own = seen!.items.subarray(seen!.start[u], seen!.start[u + 1]);
          // A user who has seen (nearly) every item gets a random item after a few tries rather than a stall.
          let j = Math.floor(rand() * s.items);
          for (let tries = 0; tries < 20 && contains(own, j); tries++) j = Math.floor(rand() * s.items);
          bu[n] = u; bi[n] = j; by[n++] = 0;
        }
      }
      const inputs = [
        ...tables.map((x) => tf.tensor2d(gather(x.w, x.dim, x.index, n), [n, x.dim])),
        tf.tensor2d(by.subarray(0, n), [n, 1]),
        ...denseArrays.map((a, k) => tf.tensor(a, denseShapes[k])),
      ];
      const { value, grads } = lossAndGrads(inputs);
      const gradData = grads.map((g) => g.dataSync() as Float32Array);
      const loss = value.dataSync()[0];
      tf.dispose([value, ...grads, ...inputs]);
      step++;
      const lr = (t.learningRate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
      tables.forEach((x, k) => {
        const sums = x.acc.collect(x.index, gradData[k], n);
        x.adam.step(sums, lr, x.acc.rows);
      });
      denseAdam.forEach((a, k) => a.step(gradData[5 + k], lr));
      lossSum += loss * n;
      lossCount += n;
      if (batch % 50 === 49) t.onProgress?.((epoch + (batch + 1) / batches) / t.epochs, `epoch ${epoch + 1} of ${t.epochs}`);
    }
    if (stopped) break;
    const meanLoss = lossSum / Math.max(1, lossCount);
    t.onMetrics?.(epoch + 1, rows.regression ? { loss: meanLoss, rmse: Math.sqrt(meanLoss) * rows.range } : { loss: meanLoss });
    t.onProgress?.((epoch + 1) / t.epochs, `epoch ${epoch + 1} of ${t.epochs}`);
  }
  return { epochs: epoch, stopped };
}
