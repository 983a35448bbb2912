/**
 * The NeuMF network (He et al. 2017) — shared/nn's ncf spec, whose sizes NcfShape holds — as plain
 * Float32Arrays: a GMF tower (user ∘ item embeddings of `factors`) and an MLP tower (separate user and
 * item embeddings of `mlpDim` each, concatenated, then dense ReLU layers of `layers` units), both fused
 * by one dense unit with a sigmoid. The weights live outside
 * TF.js, so a fitted or loaded model holds no tensors: one pair is scored in plain TypeScript, a user's
 * whole catalogue by TF.js in a few batched calls whose tensors are freed at once.
 */
import { tf } from '../mlp/backend';
import { gaussian, mulberry32 } from '../split/prng';

export interface NcfShape {
  users: number;
  items: number;
  factors: number;
  /** Each MLP embedding's length (the ncf preset's: half the first layer's units, rounded up). */
  mlpDim: number;
  layers: number[];
}

export interface NcfWeights {
  userGmf: Float32Array;
  itemGmf: Float32Array;
  userMlp: Float32Array;
  itemMlp: Float32Array;
  /** Dense layer k: kernel [in, layers[k]] row-major, bias [layers[k]]. */
  kernels: Float32Array[];
  biases: Float32Array[];
  /** [factors + last layer] → 1: GMF part first, then the MLP part. */
  outKernel: Float32Array;
  outBias: Float32Array;
}

/** One weight with its shape, for exporters (ONNX) and the JSON form. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

const layerInputs = (s: NcfShape, k: number): number => (k === 0 ? 2 * s.mlpDim : s.layers[k - 1]);
const last = (s: NcfShape): number => s.layers[s.layers.length - 1];

function glorot(rows: number, cols: number, rand: () => number): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => (2 * rand() - 1) * limit);
}

const normal = (n: number, std: number, rand: () => number): Float32Array => Float32Array.from({ length: n }, () => std * gaussian(rand));

/** Seeded starting weights: embeddings N(0, 0.01²) as in the paper, Glorot-uniform kernels, the output bias at `outBias`. */
export function initialWeights(s: NcfShape, seed: number, outBias: number): NcfWeights {
  const rand = mulberry32(seed);
  return {
    userGmf: normal(s.users * s.factors, 0.01, rand),
    itemGmf: normal(s.items * s.factors, 0.01, rand),
    userMlp: normal(s.users * s.mlpDim, 0.01, rand),
    itemMlp: normal(s.items * s.mlpDim, 0.01, rand),
    kernels: s.layers.map((u, k) => glorot(layerInputs(s, k), u, rand)),
    biases: s.layers.map((u) => new Float32Array(u)),
    outKernel: glorot(s.factors + last(s), 1, rand),
    outBias: Float32Array.of(outBias),
  };
}

/**
 * The weights in order, named and shaped, for an exporter. The graph they make, for user u and item i:
 *   gmf = user_gmf[u] ∘ item_gmf[i]                                  [factors]
 *   h   = concat(user_mlp[u], item_mlp[i])                            [2·mlpDim]
 *   h   = relu(h · mlp_k_kernel + mlp_k_bias), for k = 0 … layers-1   [layers[k]]
 *   p   = sigmoid(concat(gmf, h) · out_kernel + out_bias)             [1]
 * Kernels are [inputs, outputs], row-major. An explicit model's rating is lo + p·(hi − lo) (its scale).
 */
export function namedWeights(s: NcfShape, w: NcfWeights): NamedWeight[] {
  return [
    { name: 'user_gmf', shape: [s.users, s.factors], data: w.userGmf },
    { name: 'item_gmf', shape: [s.items, s.factors], data: w.itemGmf },
    { name: 'user_mlp', shape: [s.users, s.mlpDim], data: w.userMlp },
    { name: 'item_mlp', shape: [s.items, s.mlpDim], data: w.itemMlp },
    ...s.layers.flatMap((u, k) => [
      { name: `mlp_${k}_kernel`, shape: [layerInputs(s, k), u], data: w.kernels[k] },
      { name: `mlp_${k}_bias`, shape: [u], data: w.biases[k] },
    ]),
    { name: 'out_kernel', shape: [s.factors + last(s), 1], data: w.outKernel },
    { name: 'out_bias', shape: [1], data: w.outBias },
  ];
}

/** The inverse of `namedWeights`: checks every length against the shape. */
export function weightsFromNamed(s: NcfShape, named: readonly NamedWeight[]): NcfWeights {
  const byName = new Map(named.map((n) => [n.name, n.data]));
  const template = namedWeights(s, initialShapesOnly(s));
  for (const t of template) {
    const got = byName.get(t.name);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (!got || got.length !== size) throw new Error(`ncf weight ${t.name} should hold ${size} values; it holds ${got?.length ?? 'none'}`);
  }
  const get = (name: string) => byName.get(name)!;
  return {
    userGmf: get('user_gmf'), itemGmf: get('item_gmf'), userMlp: get('user_mlp'), itemMlp: get('item_mlp'),
    kernels: s.layers.map((_, k) => get(`mlp_${k}_kernel`)),
    biases: s.layers.map((_, k) => get(`mlp_${k}_bias`)),
    outKernel: get('out_kernel'), outBias: get('out_bias'),
  };
}

function initialShapesOnly(s: NcfShape): NcfWeights {
  const z = (n: number) => new Float32Array(n);
  return {
    userGmf: z(0), itemGmf: z(0), userMlp: z(0), itemMlp: z(0),
    kernels: s.layers.map((u, k) => z(layerInputs(s, k) * u)), biases: s.layers.map((u) => z(u)),
    outKernel: z(0), outBias: z(0),
  };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Activations of the pair being scored, reused: scoring is synchronous, so one buffer pair serves every call. */
let scratch = [new Float64Array(0), new Float64Array(0)];

/** The output probability of one (user, item) pair, in plain TypeScript. */
export function scorePair(s: NcfShape, w: NcfWeights, user: number, item: number): number {
  const f = s.factors, e = s.mlpDim;
  const width = Math.max(2 * e, ...s.layers);
  if (scratch[0].length < width) scratch = [new Float64Array(width), new Float64Array(width)];
  let [h, next] = scratch;
  let z = w.outBias[0];
  for (let j = 0; j < f; j++) z += w.userGmf[user * f + j] * w.itemGmf[item * f + j] * w.outKernel[j];
  for (let j = 0; j < e; j++) {
    h[j] = w.userMlp[user * e + j];
    h[e + j] = w.itemMlp[item * e + j];
  }
  let inputs = 2 * e;
  s.layers.forEach((units, k) => {
    const kernel = w.kernels[k], bias = w.biases[k];
    for (let o = 0; o < units; o++) next[o] = bias[o];
    for (let i = 0; i < inputs; i++) {
      const x = h[i];
      if (x === 0) continue;
      const row = i * units;
      for (let o = 0; o < units; o++) next[o] += x * kernel[row + o];
    }
    for (let o = 0; o < units; o++) if (next[o] < 0) next[o] = 0;
    [h, next] = [next, h];
    inputs = units;
  });
  for (let j = 0; j < inputs; j++) z += h[j] * w.outKernel[f + j];
  return sigmoid(z);
}

/** Rows per TF.js call when scoring many pairs or a whole catalogue: bounds the largest activation at CHUNK × widest layer. */
const CHUNK = 65_536;

/**
 * The output logits of a batch in TF.js, from its gathered embedding rows and the dense weights in
 * `namedWeights` order (kernel, bias per layer, then the output kernel and bias): training and batched
 * pair scoring share this graph.
 */
export function logits(s: NcfShape, ug: tf.Tensor, ig: tf.Tensor, um: tf.Tensor, im: tf.Tensor, dense: readonly tf.Tensor[]): tf.Tensor {
  let h = tf.concat([um, im], 1);
  for (let k = 0; k < s.layers.length; k++) h = tf.relu(tf.add(tf.matMul(h, dense[2 * k]), dense[2 * k + 1]));
  return tf.add(tf.matMul(tf.concat([tf.mul(ug, ig), h], 1), dense[2 * s.layers.length]), dense[2 * s.layers.length + 1]);
}

/** The dense weights (kernels and biases, then the output layer) with their shapes, as `logits` takes them. */
export function denseWeights(s: NcfShape, w: NcfWeights): { data: Float32Array; shape: number[] }[] {
  return namedWeights(s, w).slice(4).map((n) => ({ data: n.data, shape: n.shape }));
}

/** Rows `index[0..n)` of a [rows, dim] table, gathered in order. */
export function gatherRows(table: Float32Array, dim: number, index: Int32Array, n: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let b = 0; b < n; b++) out.set(table.subarray(index[b] * dim, (index[b] + 1) * dim), b * dim);
  return out;
}

/** Output probabilities of many (user, item) pairs, batched through TF.js. */
export function scorePairs(s: NcfShape, w: NcfWeights, users: Int32Array, items: Int32Array): Float32Array {
  const out = new Float32Array(users.length);
  const f = s.factors, e = s.mlpDim;
  for (let from = 0; from < users.length; from += CHUNK) {
    const n = Math.min(CHUNK, users.length - from);
    const u = users.subarray(from, from + n), i = items.subarray(from, from + n);
    out.set(tf.tidy(() => {
      const z = logits(s,
        tf.tensor2d(gatherRows(w.userGmf, f, u, n), [n, f]), tf.tensor2d(gatherRows(w.itemGmf, f, i, n), [n, f]),
        tf.tensor2d(gatherRows(w.userMlp, e, u, n), [n, e]), tf.tensor2d(gatherRows(w.itemMlp, e, i, n), [n, e]),
        denseWeights(s, w).map((d) => tf.tensor(d.data, d.shape)));
      return tf.sigmoid(z).dataSync() as Float32Array;
    }), from);
  }
  return out;
}

/** Output probabilities of every item for one user, batched through TF.js; no tensor outlives the call. */
export function scoreUser(s: NcfShape, w: NcfWeights, user: number, out: Float32Array): Float32Array {
  const f = s.factors, e = s.mlpDim, L0 = s.layers[0];
  // The user's share of the first dense layer and of the GMF output is the same for every item: fold it once.
  const userPart = Float32Array.from(w.biases[0]);
  for (let j = 0; j < e; j++) {
    const x = w.userMlp[user * e + j];
    for (let o = 0; o < L0; o++) userPart[o] += x * w.kernels[0][j * L0 + o];
  }
  const gmfWeights = Float32Array.from({ length: f }, (_, j) => w.userGmf[user * f + j] * w.outKernel[j]);
  const itemKernel0 = w.kernels[0].subarray(e * L0);
  for (let from = 0; from < s.items; from += CHUNK) {
    const n = Math.min(CHUNK, s.items - from);
    const part = tf.tidy(() => {
      const gmf = tf.matMul(tf.tensor2d(w.itemGmf.subarray(from * f, (from + n) * f), [n, f]), tf.tensor2d(gmfWeights, [f, 1]));
      let h = tf.relu(tf.add(tf.matMul(tf.tensor2d(w.itemMlp.subarray(from * e, (from + n) * e), [n, e]), tf.tensor2d(itemKernel0, [e, L0])), tf.tensor1d(userPart)));
      for (let k = 1; k < s.layers.length; k++) {
        h = tf.relu(tf.add(tf.matMul(h, tf.tensor2d(w.kernels[k], [s.layers[k - 1], s.layers[k]])), tf.tensor1d(w.biases[k])));
      }
      const mlp = tf.matMul(h, tf.tensor2d(w.outKernel.subarray(f), [last(s), 1]));
      return tf.sigmoid(tf.add(tf.add(gmf, mlp), w.outBias[0])).dataSync() as Float32Array;
    });
    out.set(part, from);
  }
  return out;
}
