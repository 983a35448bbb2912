/**
 * Training steps of a plain dense network (dense layers, ReLU or linear, a dense head; optionally after an
 * embedding bag over token ids) in WebAssembly with
 * f32x4 SIMD (dense-kernel.wat): forward, backward and AdamW for one batch in one call from JavaScript per
 * layer, with no tensors and no copies of the weights between batches. Every matrix lives in the kernel's
 * memory with rows padded to a multiple of 8 floats and the batch to a multiple of 4 rows, zeros in the
 * padding. The arithmetic is TF.js's in float32, summed in another order, so a run matches the TF.js path
 * to float32 rounding; the kernel itself is deterministic.
 */
import type { AdamWState } from '../train/adamw';
import type { RowSet } from '../train/batches';
import { headLoss, type HeadLoss } from './head-loss';
import { WASM_BASE64 } from './dense-kernel-wasm';
import { compileModule, instantiate, layout, MAX_BYTES } from './wasm-runtime';

export interface DenseLayerPlan {
  inputs: number;
  units: number;
  /** ReLU after the layer (hidden layers); the head's activation is part of its loss. */
  relu: boolean;
  /** A dropout layer after this one (hidden layers): its rate, and its seed when it has one. */
  dropout?: { rate: number; seed?: number };
  /** An L2 penalty l2·Σw² on the layer's kernel (TF.js's regularizers.l2): its gradient 2·l2·w joins the data's. */
  l2?: number;
}

/**
 * Dropout multipliers (0 or 1/(1 − rate)) for `rows` rows of hidden layer `layer`, row-major [rows, units]:
 * drawn by TF.js itself (kernel-engine.ts), so the kernel drops exactly the units TF.js would.
 */
export type DropoutMasks = (layer: number, rows: number) => Float32Array;

/** A first layer that averages the vectors of a row's token ids (0 is padding), as custom-layers.ts's EmbeddingBag. */
export interface EmbeddingPlan {
  vocabulary: number;
  dim: number;
  /** Token ids per row. */
  length: number;
}

export interface DensePlan {
  embedding?: EmbeddingPlan;
  layers: DenseLayerPlan[];
  head: HeadLoss;
}

export interface AdamWSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

type Gemm = (c: number, a: number, b: number, m: number, n: number, k: number, ars: number, acs: number) => void;
type BiasAct = (z: number, act: number, bias: number, m: number, n: number, relu: number) => void;
type ReluGrad = (dz: number, da: number, z: number, count: number) => void;
type Mul = (d: number, a: number, b: number, count: number) => void;
type ColSum = (out: number, d: number, m: number, n: number) => void;
type Transpose = (t: number, s: number, r: number, c: number) => void;
type AdamWFn = (p: number, g: number, m: number, v: number, count: number, b1: number, omb1: number, b2: number, omb2: number, sqrtBc2: number, eps: number, stepSize: number, keep: number) => void;

let compiled: ReturnType<typeof compileModule> | undefined;
const kernelModule = () => (compiled ??= compileModule(WASM_BASE64));

/** Why the kernel cannot run in this runtime, or null when it can. */
export function kernelUnavailable(): string | null {
  const c = kernelModule();
  return 'error' in c ? c.error : null;
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;
const pad4 = (n: number) => Math.ceil(n / 4) * 4;

interface LayerMem {
  inP: number;
  outP: number;
  /** Byte offsets: weights [inP×outP], their transpose, bias, the pre-activations and activations [batch×outP], their gradient. */
  w: number;
  wt: number;
  b: number;
  z: number;
  a: number;
  dz: number;
  gw: number;
  gb: number;
}

export class DenseKernel {
  /** Optimizer steps taken (t of the last update). */
  step = 0;
  private readonly mem: LayerMem[];
  private readonly buf: ArrayBuffer;
  private readonly f32: Float32Array;
  private readonly x: number;
  private readonly da: number;
  private readonly params: { p: number; g: number; m: number; v: number; kernels: number; all: number };
  /** The embedding table's byte offset in the parameters, its padded row width and float count (0 without one). */
  private readonly table: { at: number; dimP: number; floats: number };
  private readonly fn: { gemm: Gemm; biasAct: BiasAct; reluGrad: ReluGrad; mul: Mul; colSum: ColSum; transpose: Transpose; adamw: AdamWFn };
  /** Per hidden layer with dropout: where this batch's padded multipliers are. */
  private readonly maskAt: (number | null)[];

  constructor(readonly plan: DensePlan, readonly maxBatch: number, private readonly opt: AdamWSettings, private readonly masks?: DropoutMasks) {
    const c = kernelModule();
    if ('error' in c) throw new Error(c.error);
    const B = pad4(maxBatch);
    const dims = plan.layers.map((l) => ({ inP: pad8(l.inputs), outP: pad8(l.units) }));
    const emb = plan.embedding;
    const tableFloats = emb ? emb.vocabulary * pad8(emb.dim) : 0;
    if (emb && pad8(emb.dim) !== dims[0].inP) throw new Error('the first dense layer must take the embedding bag');
    // The table is a decayed parameter (rank 2), so it leads the kernels' block.
    const kernels = tableFloats + dims.reduce((s, d) => s + d.inP * d.outP, 0), biases = dims.reduce((s, d) => s + d.outP, 0);
    const widest = Math.max(...dims.map((d) => d.inP));
    const sizes: Record<string, number> = { x: 4 * B * dims[0].inP, da: 4 * B * widest, p: 4 * (kernels + biases), g: 4 * (kernels + biases), m: 4 * (kernels + biases), v: 4 * (kernels + biases) };
    dims.forEach((d, i) => Object.assign(sizes, { [`wt${i}`]: 4 * d.inP * d.outP, [`z${i}`]: 4 * B * d.outP, [`a${i}`]: 4 * B * d.outP, [`dz${i}`]: 4 * B * d.outP, [`mask${i}`]: plan.layers[i].dropout ? 4 * B * d.outP : 0 }));
    if (plan.layers.some((l) => l.dropout) && !masks) throw new Error('a network with dropout needs its masks');
    const { off, bytes } = layout(sizes);
    if (bytes > MAX_BYTES) throw new Error('the network and batch do not fit in WebAssembly memory');
    const inst = instantiate(c.module, bytes);
    this.buf = inst.memory.buffer;
    this.f32 = new Float32Array(this.buf);
    this.fn = inst.exports as unknown as DenseKernel['fn'];
    this.x = off.x;
    this.da = off.da;
    this.params = { p: off.p, g: off.g, m: off.m, v: off.v, kernels, all: kernels + biases };
    this.maskAt = plan.layers.map((l, i) => (l.dropout ? off[`mask${i}`] : null));
    this.table = { at: off.p, dimP: emb ? pad8(emb.dim) : 0, floats: tableFloats };
    let wAt = tableFloats, bAt = kernels;
    this.mem = dims.map((d, i) => {
      const l: LayerMem = { ...d, w: off.p + 4 * wAt, gw: off.g + 4 * wAt, b: off.p + 4 * bAt, gb: off.g + 4 * bAt, wt: off[`wt${i}`], z: off[`z${i}`], a: off[`a${i}`], dz: off[`dz${i}`] };
      wAt += d.inP * d.outP;
      bAt += d.outP;
      return l;
    });
  }

  private view(byteOffset: number, floats: number): Float32Array {
    return this.f32.subarray(byteOffset / 4, byteOffset / 4 + floats);
  }

  /** The weights in TF.js's order (kernel [in, units], bias [units], per layer), without padding. */
  getWeights(): Float32Array[] {
    return this.unpadAll(this.params.p);
  }

  setWeights(values: readonly Float32Array[]): void {
    this.padAll(this.params.p, values);
  }

  getState(): AdamWState {
    return { step: this.step, m: this.unpadAll(this.params.m), v: this.unpadAll(this.params.v) };
  }

  setState(s: AdamWState): void {
    this.padAll(this.params.m, s.m);
    this.padAll(this.params.v, s.v);
    this.step = s.step;
  }

  private unpadAll(base: number): Float32Array[] {
    const shift = base - this.params.p;
    const emb = this.plan.embedding;
    const table: Float32Array[] = [];
    if (emb) {
      const t = new Float32Array(emb.vocabulary * emb.dim), src = this.view(this.table.at + shift, this.table.floats);
      for (let r = 0; r < emb.vocabulary; r++) t.set(src.subarray(r * this.table.dimP, r * this.table.dimP + emb.dim), r * emb.dim);
      table.push(t);
    }
    return [...table, ...this.plan.layers.flatMap((l, i) => {
      const d = this.mem[i];
      const w = new Float32Array(l.inputs * l.units);
      const src = this.view(d.w + shift, d.inP * d.outP);
      for (let r = 0; r < l.inputs; r++) w.set(src.subarray(r * d.outP, r * d.outP + l.units), r * l.units);
      return [w, this.view(d.b + shift, l.units).slice()];
    })];
  }

  private padAll(base: number, all: readonly Float32Array[]): void {
    const emb = this.plan.embedding;
    if (all.length !== 2 * this.plan.layers.length + (emb ? 1 : 0)) throw new Error('weights do not match the network');
    const shift = base - this.params.p;
    const values = emb ? all.slice(1) : all;
    if (emb) {
      const t = all[0], dst = this.view(this.table.at + shift, this.table.floats);
      if (t.length !== emb.vocabulary * emb.dim) throw new Error('the embedding table has the wrong size');
      dst.fill(0);
      for (let r = 0; r < emb.vocabulary; r++) dst.set(t.subarray(r * emb.dim, (r + 1) * emb.dim), r * this.table.dimP);
    }
    this.plan.layers.forEach((l, i) => {
      const d = this.mem[i], w = values[2 * i], b = values[2 * i + 1];
      if (w.length !== l.inputs * l.units || b.length !== l.units) throw new Error(`weights of dense layer ${i + 1} have the wrong size`);
      const dst = this.view(d.w + shift, d.inP * d.outP);
      dst.fill(0);
      for (let r = 0; r < l.inputs; r++) dst.set(w.subarray(r * l.units, (r + 1) * l.units), r * d.outP);
      const bias = this.view(d.b + shift, d.outP);
      bias.fill(0);
      bias.set(b);
    });
  }

  /** Copies rows order[from..to) (or from..to when no order) of `set` into the padded input; returns the padded row count. */
  private load(set: RowSet, order: ArrayLike<number> | null, from: number, to: number): number {
    const n = to - from, stride = this.mem[0].inP, B = pad4(n);
    if (n > this.maxBatch) throw new Error(`a batch of ${n} rows is over the kernel's ${this.maxBatch}`);
    const x = this.view(this.x, B * stride);
    if (this.plan.embedding) {
      this.bag(set, order, from, to, x);
    } else {
      const F = this.plan.layers[0].inputs;
      for (let r = 0; r < n; r++) {
        const row = order ? order[from + r] : from + r;
        x.set(set.x.subarray(row * F, (row + 1) * F), r * stride);
      }
    }
    x.fill(0, n * stride);
    return B;
  }

  /** The embedding bag's forward pass: each row's mean of its non-zero ids' vectors, into `x`. */
  private bag(set: RowSet, order: ArrayLike<number> | null, from: number, to: number, x: Float32Array): void {
    const { length, vocabulary } = this.plan.embedding!, dimP = this.table.dimP;
    const table = this.view(this.table.at, this.table.floats);
    x.fill(0, 0, (to - from) * dimP);
    for (let r = 0; r < to - from; r++) {
      const row = order ? order[from + r] : from + r, o = r * dimP;
      let count = 0;
      for (let t = 0; t < length; t++) {
        const id = set.x[row * length + t] | 0;
        if (id === 0 || id >= vocabulary) continue;
        count++;
        const e = id * dimP;
        for (let j = 0; j < dimP; j++) x[o + j] += table[e + j];
      }
      if (count > 1) for (let j = 0; j < dimP; j++) x[o + j] /= count;
    }
  }

  /** The embedding bag's backward pass: each row's gradient, over its count, added to its ids' rows. */
  private bagGrad(set: RowSet, order: ArrayLike<number>, from: number, to: number, dh: Float32Array): void {
    const { length, vocabulary } = this.plan.embedding!, dimP = this.table.dimP;
    const g = this.view(this.params.g + (this.table.at - this.params.p), this.table.floats);
    g.fill(0);
    for (let r = 0; r < to - from; r++) {
      const row = order[from + r], base = row * length, o = r * dimP;
      let count = 0;
      for (let t = 0; t < length; t++) {
        const id = set.x[base + t] | 0;
        if (id !== 0 && id < vocabulary) count++;
      }
      const scale = 1 / Math.max(count, 1);
      for (let t = 0; t < length; t++) {
        const id = set.x[base + t] | 0;
        if (id === 0 || id >= vocabulary) continue;
        const e = id * dimP;
        for (let j = 0; j < dimP; j++) g[e + j] += dh[o + j] * scale;
      }
    }
  }

  /** In training, a layer with dropout multiplies its activations by the batch's mask (kept for the backward pass). */
  private forward(B: number, n: number, training: boolean): LayerMem {
    let input = this.x;
    this.mem.forEach((d, i) => {
      this.fn.gemm(d.z, input, d.w, B, d.outP, d.inP, 4 * d.inP, 4);
      this.fn.biasAct(d.z, d.a, d.b, B, d.outP, this.plan.layers[i].relu ? 1 : 0);
      const at = this.maskAt[i];
      if (training && at !== null) {
        this.loadMask(i, at, n, B);
        this.fn.mul(d.a, d.a, at, B * d.outP);
      }
      input = d.a;
    });
    return this.mem[this.mem.length - 1];
  }

  private loadMask(layer: number, at: number, n: number, B: number): void {
    const units = this.plan.layers[layer].units, stride = this.mem[layer].outP;
    const m = this.masks!(layer, n), dst = this.view(at, B * stride);
    dst.fill(0);
    for (let r = 0; r < n; r++) dst.set(m.subarray(r * units, (r + 1) * units), r * stride);
  }

  private targets(set: RowSet, order: ArrayLike<number> | null, from: number, to: number): Float32Array {
    const outs = this.plan.layers[this.plan.layers.length - 1].units;
    if (!order) return set.y.subarray(from * outs, to * outs);
    const y = new Float32Array((to - from) * outs);
    for (let r = from; r < to; r++) y.set(set.y.subarray(order[r] * outs, (order[r] + 1) * outs), (r - from) * outs);
    return y;
  }

  /** One AdamW step on rows order[from..to) at learning rate `lr`, gradients clipped to `clipNorm` when given; the batch's mean loss. */
  trainStep(set: RowSet, order: ArrayLike<number>, from: number, to: number, lr: number, clipNorm?: number): number {
    const n = to - from, B = this.load(set, order, from, to);
    const head = this.forward(B, n, true), L = this.mem.length, outs = this.plan.layers[L - 1].units;
    const loss = headLoss(this.plan.head, this.view(head.z, B * head.outP), this.targets(set, order, from, to), this.view(head.dz, B * head.outP), n, outs, head.outP);
    for (let i = L - 1; i >= 0; i--) {
      const d = this.mem[i], input = i === 0 ? this.x : this.mem[i - 1].a;
      this.fn.gemm(d.gw, input, d.dz, d.inP, d.outP, B, 4, 4 * d.inP);
      this.fn.colSum(d.gb, d.dz, B, d.outP);
      if (i === 0 && !this.plan.embedding) break;
      this.fn.transpose(d.wt, d.w, d.inP, d.outP);
      this.fn.gemm(this.da, d.dz, d.wt, B, d.inP, d.outP, 4 * d.outP, 4);
      if (i === 0) {
        this.bagGrad(set, order, from, to, this.view(this.da, B * d.inP));
        break;
      }
      const prev = this.mem[i - 1], maskAt = this.maskAt[i - 1];
      if (maskAt !== null) this.fn.mul(this.da, this.da, maskAt, B * d.inP);
      if (this.plan.layers[i - 1].relu) this.fn.reluGrad(prev.dz, this.da, prev.z, B * d.inP);
      else this.view(prev.dz, B * d.inP).set(this.view(this.da, B * d.inP));
    }
    this.penalties();
    if (clipNorm) this.clip(clipNorm);
    this.adamw(lr);
    return loss;
  }

  /** Adds the L2 penalties' gradients (padding stays zero: its weights are zero). */
  private penalties(): void {
    this.plan.layers.forEach((l, i) => {
      if (!l.l2) return;
      const d = this.mem[i], n = d.inP * d.outP, w = this.view(d.w, n), g = this.view(d.gw, n), k = 2 * l.l2;
      for (let j = 0; j < n; j++) g[j] += k * w[j];
    });
  }

  /** As clipByGlobalNorm: scale every gradient by maxNorm / max(norm, maxNorm). */
  private clip(maxNorm: number): void {
    const g = this.view(this.params.g, this.params.all);
    let sq = 0;
    for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
    const scale = maxNorm / Math.max(Math.sqrt(sq), maxNorm);
    if (scale !== 1) for (let i = 0; i < g.length; i++) g[i] *= scale;
  }

  private adamw(lr: number): void {
    const t = this.step + 1, { beta1: b1, beta2: b2, epsilon, weightDecay } = this.opt;
    const stepSize = lr / (1 - b1 ** t), sqrtBc2 = Math.sqrt(1 - b2 ** t);
    const { p, g, m, v, kernels, all } = this.params;
    // Kernels are decayed, biases (rank 1) are not: AdamW.decays.
    this.fn.adamw(p, g, m, v, kernels, b1, 1 - b1, b2, 1 - b2, sqrtBc2, epsilon, stepSize, weightDecay > 0 ? 1 - lr * weightDecay : 1);
    const o = 4 * kernels;
    this.fn.adamw(p + o, g + o, m + o, v + o, all - kernels, b1, 1 - b1, b2, 1 - b2, sqrtBc2, epsilon, stepSize, 1);
    this.step = t;
  }

  /** Row-weighted mean loss over a set, in batches of at most maxBatch rows. */
  evaluate(set: RowSet): number {
    const L = this.mem.length, outs = this.plan.layers[L - 1].units;
    let sum = 0;
    for (let from = 0; from < set.rows; from += this.maxBatch) {
      const to = Math.min(set.rows, from + this.maxBatch), B = this.load(set, null, from, to);
      const head = this.forward(B, to - from, false);
      sum += headLoss(this.plan.head, this.view(head.z, B * head.outP), this.targets(set, null, from, to), this.view(head.dz, B * head.outP), to - from, outs, head.outP) * (to - from);
    }
    return sum / set.rows;
  }
}
