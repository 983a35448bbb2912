/**
 * Training steps of stacked LSTM layers (every one but the last returning its sequence) under a dense head,
 * in WebAssembly: the matrix products on dense-kernel.wat's SIMD gemm, the gates and the cell update, and
 * their gradients, fused in lstm-kernel.wat, on one memory. The equations and weight layout are TF.js's
 * LSTM layer's (kernel [in, 4u], recurrent kernel [u, 4u], bias [4u], gates i, f, c, o), so weights move
 * between the two paths unchanged. Time runs forward for the outputs and backward for the gradients
 * (backpropagation through time over the whole window); the input products are one product over all steps,
 * the weight gradients summed step by step. Sequences are stored step-major ([step][row][unit]), rows padded to a
 * multiple of 8 floats and the batch to a multiple of 4 rows, zeros in the padding.
 */
import type { AdamWState } from '../train/adamw';
import type { RowSet } from '../train/batches';
import type { AdamWSettings } from './dense-kernel';
import { WASM_BASE64 as DENSE_BASE64 } from './dense-kernel-wasm';
import { headLoss, type HeadLoss } from './head-loss';
import { WASM_BASE64 as LSTM_BASE64 } from './lstm-kernel-wasm';
import { LstmParams, type LstmPlan } from './lstm-params';
import { compileModule, instantiate, instantiateOn, layout, MAX_BYTES } from './wasm-runtime';

export type { LstmPlan } from './lstm-params';

type Gemm = (c: number, a: number, b: number, m: number, n: number, k: number, ars: number, acs: number) => void;
type BiasAct = (z: number, act: number, bias: number, m: number, n: number, relu: number) => void;
type ColSum = (out: number, d: number, m: number, n: number) => void;
type Transpose = (t: number, s: number, r: number, c: number) => void;
type AdamWFn = (p: number, g: number, m: number, v: number, count: number, b1: number, omb1: number, b2: number, omb2: number, sqrtBc2: number, eps: number, stepSize: number, keep: number) => void;
type GemmAcc = Gemm;
type GatesForward = (zx: number, zr: number, bias: number, gates: number, cPrev: number, c: number, tc: number, h: number, m: number, u: number) => void;
type GatesBackward = (dhr: number, dhIn: number, dc: number, gates: number, cPrev: number, tc: number, dz: number, m: number, u: number) => void;

let compiled: { dense: object; lstm: object } | { error: string } | undefined;
function modules(): { dense: object; lstm: object } | { error: string } {
  if (compiled) return compiled;
  const dense = compileModule(DENSE_BASE64), lstm = compileModule(LSTM_BASE64);
  compiled = 'error' in dense ? dense : 'error' in lstm ? lstm : { dense: dense.module, lstm: lstm.module };
  return compiled;
}

/** Why the LSTM kernel cannot run in this runtime, or null when it can. */
export function lstmKernelUnavailable(): string | null {
  const m = modules();
  return 'error' in m ? m.error : null;
}

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

/** Byte offsets of one layer's sequences: gates (then their gradient, in place), cell, tanh of the cell, output. */
interface LayerSeq {
  z: number;
  c: number;
  tc: number;
  h: number;
}

export class LstmKernel {
  step = 0;
  private readonly f32: Float32Array;
  private readonly p: LstmParams;
  private readonly seq: LayerSeq[];
  private readonly at: Record<'x' | 'zeros' | 'zr' | 'dc' | 'dhr' | 'dseq' | 'hz' | 'dhLast', number>;
  private readonly fn: { gemm: Gemm; biasAct: BiasAct; colSum: ColSum; transpose: Transpose; adamw: AdamWFn; gemmAcc: GemmAcc; gatesForward: GatesForward; gatesBackward: GatesBackward };
  /** Floats per target row: the head's outputs, twice that with a mask beside them. */
  private readonly yWidth: number;

  constructor(readonly plan: LstmPlan, readonly maxBatch: number, private readonly opt: AdamWSettings) {
    const mods = modules();
    if ('error' in mods) throw new Error(mods.error);
    const B = pad4(maxBatch), T = plan.steps;
    const shapes = new LstmParams(plan);
    const { dims, outP } = shapes;
    const widest = Math.max(...dims.map((d) => d.inP), ...dims.map((d) => d.uP)), G = Math.max(...dims.map((d) => 4 * d.uP));
    const last = dims[dims.length - 1];
    const floats = shapes.floats;
    const sizes: Record<string, number> = {
      p: 4 * floats, g: 4 * floats, m: 4 * floats, v: 4 * floats, scratch: 4 * shapes.scratchFloats,
      x: 4 * T * B * dims[0].inP, zeros: 4 * B * G, zr: 4 * B * G, dc: 4 * B * widest, dhr: 4 * B * widest,
      dseq: 4 * T * B * widest, hz: 4 * B * outP, dhLast: 4 * B * last.uP,
    };
    dims.forEach((d, l) => Object.assign(sizes, { [`z${l}`]: 4 * T * B * 4 * d.uP, [`c${l}`]: 4 * T * B * d.uP, [`tc${l}`]: 4 * T * B * d.uP, [`h${l}`]: 4 * T * B * d.uP }));
    const { off, bytes } = layout(sizes);
    if (bytes > MAX_BYTES) throw new Error('the network and batch do not fit in WebAssembly memory');
    const inst = instantiate(mods.dense, bytes);
    this.fn = { ...(inst.exports as unknown as LstmKernel['fn']), ...(instantiateOn(mods.lstm, inst.memory) as unknown as Pick<LstmKernel['fn'], 'gemmAcc' | 'gatesForward' | 'gatesBackward'>) };
    this.f32 = new Float32Array(inst.memory.buffer);
    this.p = new LstmParams(plan, { p: off.p, g: off.g, m: off.m, v: off.v, scratch: off.scratch }, this.f32);
    this.seq = dims.map((_, l) => ({ z: off[`z${l}`], c: off[`c${l}`], tc: off[`tc${l}`], h: off[`h${l}`] }));
    this.at = { x: off.x, zeros: off.zeros, zr: off.zr, dc: off.dc, dhr: off.dhr, dseq: off.dseq, hz: off.hz, dhLast: off.dhLast };
    this.yWidth = plan.head === 'masked-mse' ? 2 * plan.outputs : plan.outputs;
  }

  private view(byteOffset: number, floats: number): Float32Array {
    return this.f32.subarray(byteOffset / 4, byteOffset / 4 + floats);
  }

  /** Weights in TF.js's order, unpadded. */
  getWeights(): Float32Array[] {
    return this.p.unpadAll('p');
  }

  setWeights(values: readonly Float32Array[]): void {
    this.p.padAll('p', values);
  }

  getState(): AdamWState {
    return { step: this.step, m: this.p.unpadAll('m'), v: this.p.unpadAll('v') };
  }

  setState(s: AdamWState): void {
    this.p.padAll('m', s.m);
    this.p.padAll('v', s.v);
    this.step = s.step;
  }

  /** Rows order[from..to) (or from..to) of `set` into the step-major input; the padded row count. */
  private load(set: RowSet, order: ArrayLike<number> | null, from: number, to: number): number {
    const n = to - from, B = pad4(n), { steps: T, channels: C } = this.plan, inP = this.p.dims[0].inP;
    if (n > this.maxBatch) throw new Error(`a batch of ${n} rows is over the kernel's ${this.maxBatch}`);
    const x = this.view(this.at.x, T * B * inP);
    x.fill(0);
    for (let r = 0; r < n; r++) {
      const src = (order ? order[from + r] : from + r) * T * C;
      for (let t = 0; t < T; t++) {
        const dst = (t * B + r) * inP, s = src + t * C;
        for (let c = 0; c < C; c++) x[dst + c] = set.x[s + c];
      }
    }
    return B;
  }

  private targets(set: RowSet, order: ArrayLike<number> | null, from: number, to: number): Float32Array {
    const w = this.yWidth;
    if (!order) return set.y.subarray(from * w, to * w);
    const y = new Float32Array((to - from) * w);
    for (let r = from; r < to; r++) y.set(set.y.subarray(order[r] * w, (order[r] + 1) * w), (r - from) * w);
    return y;
  }

  /** The forward pass over all steps and layers; the head's outputs are at `hz`. */
  private forward(B: number): void {
    const T = this.plan.steps, f = this.fn;
    let input = this.at.x;
    this.p.dims.forEach((d, l) => {
      const s = this.seq[l], w = this.p.at[l], G = 4 * d.uP, stepG = 4 * B * G, stepU = 4 * B * d.uP;
      f.gemm(s.z, input, w.w, T * B, G, d.inP, 4 * d.inP, 4);
      for (let t = 0; t < T; t++) {
        let zr = this.at.zeros;
        if (t > 0) {
          f.gemm(this.at.zr, s.h + (t - 1) * stepU, w.u, B, G, d.uP, 4 * d.uP, 4);
          zr = this.at.zr;
        }
        const cPrev = t > 0 ? s.c + (t - 1) * stepU : this.at.zeros;
        f.gatesForward(s.z + t * stepG, zr, w.b, s.z + t * stepG, cPrev, s.c + t * stepU, s.tc + t * stepU, s.h + t * stepU, B, d.uP);
      }
      input = s.h;
    });
    const L = this.p.dims.length, top = this.p.dims[L - 1], hLast = this.seq[L - 1].h + (T - 1) * 4 * B * top.uP, head = this.p.head;
    f.gemm(this.at.hz, hLast, head.w, B, this.p.outP, top.uP, 4 * top.uP, 4);
    f.biasAct(this.at.hz, this.at.hz, head.b, B, this.p.outP, 0);
  }

  /** Gradients of every parameter from the head's gradient at `hz` (left there by the loss), into the gradient block. */
  private backward(B: number): void {
    const T = this.plan.steps, f = this.fn, L = this.p.dims.length, top = this.p.dims[L - 1], outP = this.p.outP, head = this.p.head;
    const hLast = this.seq[L - 1].h + (T - 1) * 4 * B * top.uP, dHead = this.at.hz;
    f.gemm(head.gw, hLast, dHead, top.uP, outP, B, 4, 4 * top.uP);
    f.colSum(head.gb, dHead, B, outP);
    f.transpose(this.p.scratch, head.w, top.uP, outP);
    f.gemm(this.at.dhLast, dHead, this.p.scratch, B, top.uP, outP, 4 * outP, 4);
    for (let l = L - 1; l >= 0; l--) {
      const d = this.p.dims[l], s = this.seq[l], w = this.p.at[l], G = 4 * d.uP, stepG = 4 * B * G, stepU = 4 * B * d.uP;
      const input = l > 0 ? this.seq[l - 1].h : this.at.x, stepIn = 4 * B * d.inP;
      this.view(this.at.dc, B * d.uP).fill(0);
      this.view(w.gw, d.inP * G).fill(0);
      this.view(w.gu, d.uP * G).fill(0);
      f.transpose(this.p.scratch, w.u, d.uP, G);
      for (let t = T - 1; t >= 0; t--) {
        const dhr = t === T - 1 ? this.at.zeros : this.at.dhr;
        const dhIn = l < L - 1 ? this.at.dseq + t * stepU : t === T - 1 ? this.at.dhLast : this.at.zeros;
        const cPrev = t > 0 ? s.c + (t - 1) * stepU : this.at.zeros, dz = s.z + t * stepG;
        f.gatesBackward(dhr, dhIn, this.at.dc, dz, cPrev, s.tc + t * stepU, dz, B, d.uP);
        // dW += xₜᵀ dzₜ, dU += hₜ₋₁ᵀ dzₜ, while dzₜ is in cache.
        f.gemmAcc(w.gw, input + t * stepIn, dz, d.inP, G, B, 4, 4 * d.inP);
        if (t === 0) break;
        f.gemmAcc(w.gu, s.h + (t - 1) * stepU, dz, d.uP, G, B, 4, 4 * d.uP);
        f.gemm(this.at.dhr, dz, this.p.scratch, B, d.uP, G, 4 * G, 4);
      }
      f.colSum(w.gb, s.z, T * B, G);
      if (l > 0) {
        f.transpose(this.p.scratch, w.w, d.inP, G);
        f.gemm(this.at.dseq, s.z, this.p.scratch, T * B, d.inP, G, 4 * G, 4);
      }
    }
  }

  /** One AdamW step on rows order[from..to) at rate `lr`, gradients clipped to `clipNorm` when given; the batch's mean loss. */
  trainStep(set: RowSet, order: ArrayLike<number>, from: number, to: number, lr: number, clipNorm?: number): number {
    const n = to - from, B = this.load(set, order, from, to), outP = this.p.outP;
    this.forward(B);
    const z = this.view(this.at.hz, B * outP);
    // The loss reads the outputs before its gradient overwrites them: the gradient goes to a copy first.
    const dz = new Float32Array(B * outP);
    const loss = headLoss(this.plan.head, z, this.targets(set, order, from, to), dz, n, this.plan.outputs, outP);
    z.set(dz);
    this.backward(B);
    if (clipNorm) this.p.clip(clipNorm);
    this.adamw(lr);
    return loss;
  }

  private adamw(lr: number): void {
    const t = this.step + 1, { beta1: b1, beta2: b2, epsilon, weightDecay } = this.opt;
    const stepSize = lr / (1 - b1 ** t), sqrtBc2 = Math.sqrt(1 - b2 ** t);
    const { p, g, m, v } = this.p.blocks, kernels = this.p.kernelFloats, all = this.p.floats;
    // Kernels are decayed, biases (rank 1) are not: AdamW.decays.
    this.fn.adamw(p, g, m, v, kernels, b1, 1 - b1, b2, 1 - b2, sqrtBc2, epsilon, stepSize, weightDecay > 0 ? 1 - lr * weightDecay : 1);
    const o = 4 * kernels;
    this.fn.adamw(p + o, g + o, m + o, v + o, all - kernels, b1, 1 - b1, b2, 1 - b2, sqrtBc2, epsilon, stepSize, 1);
    this.step = t;
  }

  /** Row-weighted mean loss over a set, in batches of at most maxBatch rows. */
  evaluate(set: RowSet): number {
    const outP = this.p.outP;
    let sum = 0;
    for (let from = 0; from < set.rows; from += this.maxBatch) {
      const to = Math.min(set.rows, from + this.maxBatch), B = this.load(set, null, from, to);
      this.forward(B);
      sum += headLoss(this.plan.head, this.view(this.at.hz, B * outP), this.targets(set, null, from, to), new Float32Array(B * outP), to - from, this.plan.outputs, outP) * (to - from);
    }
    return sum / set.rows;
  }

  /** Outputs [rows, outputs] of the network for rows from..to of `set` (tests compare them with TF.js's). */
  predict(set: RowSet, from: number, to: number): Float32Array {
    const B = this.load(set, null, from, to), outP = this.p.outP, k = this.plan.outputs, z = this.view(this.at.hz, B * outP);
    this.forward(B);
    const out = new Float32Array((to - from) * k);
    for (let r = 0; r < to - from; r++) out.set(z.subarray(r * outP, r * outP + k), r * k);
    return out;
  }

  /** The current gradient block, unpadded in TF.js's weight order (tests compare it with TF.js's gradients). */
  gradients(set: RowSet, from: number, to: number): { loss: number; grads: Float32Array[] } {
    const order = Uint32Array.from({ length: set.rows }, (_, i) => i);
    const n = to - from, B = this.load(set, order, from, to), outP = this.p.outP;
    this.forward(B);
    const z = this.view(this.at.hz, B * outP), dz = new Float32Array(B * outP);
    const loss = headLoss(this.plan.head, z, this.targets(set, order, from, to), dz, n, this.plan.outputs, outP);
    z.set(dz);
    this.backward(B);
    return { loss, grads: this.p.unpadAll('g') };
  }
}

export type { HeadLoss };
