/**
 * Where the LSTM kernel's parameters live in its memory and how they map to TF.js's weights: per layer the
 * kernel [in, 4u] and recurrent kernel [u, 4u] (each gate's block of u columns padded to uP), then the head's
 * kernel [u, outputs]; after all kernels the biases (4u per layer, then the head's), so the decayed
 * parameters (rank 2) are one run and the biases another. Gradients, first and second moments sit in blocks
 * of the same layout.
 */
import type { HeadLoss } from './head-loss';

export interface LstmPlan {
  steps: number;
  channels: number;
  /** Units of each LSTM layer, bottom first. */
  units: number[];
  /** The dense head's outputs (linear). */
  outputs: number;
  head: HeadLoss;
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

export interface LayerDims {
  inputs: number;
  units: number;
  inP: number;
  uP: number;
}

/** Byte offsets of one LSTM layer's parameters and their gradients. */
export interface LayerParams {
  w: number;
  u: number;
  b: number;
  gw: number;
  gu: number;
  gb: number;
}

/** One tensor of TF.js's weight list: its size and where its padded copy starts (floats from the block's start). */
interface Tensor {
  rows: number;
  cols: number;
  /** Padded row width in floats. */
  stride: number;
  /** Units per gate block when the columns are four gate blocks (kernels, recurrent kernels, biases), else 0. */
  gate: number;
  gateP: number;
  at: number;
}

type Block = 'p' | 'g' | 'm' | 'v';

export class LstmParams {
  readonly dims: LayerDims[];
  readonly outP: number;
  readonly floats: number;
  readonly kernelFloats: number;
  /** Room for the largest transposed matrix. */
  readonly scratchFloats: number;
  readonly at: LayerParams[] = [];
  readonly head: { w: number; b: number; gw: number; gb: number };
  private readonly tensors: Tensor[];

  constructor(readonly plan: LstmPlan, readonly blocks: Record<Block | 'scratch', number> = { p: 0, g: 0, m: 0, v: 0, scratch: 0 }, private readonly f32?: Float32Array) {
    let inputs = plan.channels;
    this.dims = plan.units.map((u) => {
      const d = { inputs, units: u, inP: pad8(inputs), uP: pad8(u) };
      inputs = u;
      return d;
    });
    this.outP = pad8(plan.outputs);
    const top = this.dims[this.dims.length - 1];
    let k = 0;
    const kernelAt = this.dims.map((d) => {
      const w = k, u = w + d.inP * 4 * d.uP;
      k = u + d.uP * 4 * d.uP;
      return { w, u };
    });
    const headW = k;
    k += top.uP * this.outP;
    this.kernelFloats = k;
    const biasAt = this.dims.map((d) => {
      const b = k;
      k += 4 * d.uP;
      return b;
    });
    const headB = k;
    k += this.outP;
    this.floats = k;
    this.scratchFloats = Math.max(top.uP * this.outP, ...this.dims.map((d) => 4 * d.uP * Math.max(d.inP, d.uP)));
    const byte = (block: Block, float: number) => blocks[block] + 4 * float;
    this.dims.forEach((d, l) => {
      this.at.push({ w: byte('p', kernelAt[l].w), u: byte('p', kernelAt[l].u), b: byte('p', biasAt[l]), gw: byte('g', kernelAt[l].w), gu: byte('g', kernelAt[l].u), gb: byte('g', biasAt[l]) });
    });
    this.head = { w: byte('p', headW), b: byte('p', headB), gw: byte('g', headW), gb: byte('g', headB) };
    this.tensors = this.dims.flatMap((d, l) => [
      { rows: d.inputs, cols: 4 * d.units, stride: 4 * d.uP, gate: d.units, gateP: d.uP, at: kernelAt[l].w },
      { rows: d.units, cols: 4 * d.units, stride: 4 * d.uP, gate: d.units, gateP: d.uP, at: kernelAt[l].u },
      { rows: 1, cols: 4 * d.units, stride: 4 * d.uP, gate: d.units, gateP: d.uP, at: biasAt[l] },
    ]);
    this.tensors.push({ rows: top.units, cols: plan.outputs, stride: this.outP, gate: 0, gateP: 0, at: headW }, { rows: 1, cols: plan.outputs, stride: this.outP, gate: 0, gateP: 0, at: headB });
  }

  get scratch(): number {
    return this.blocks.scratch;
  }

  private block(b: Block): Float32Array {
    return this.f32!.subarray(this.blocks[b] / 4, this.blocks[b] / 4 + this.floats);
  }

  /** A padded column for an unpadded one: gate blocks of `gate` units start every `gateP` floats. */
  private static column(t: Tensor, q: number): number {
    return t.gate ? Math.floor(q / t.gate) * t.gateP + (q % t.gate) : q;
  }

  /** A block's tensors in TF.js's order, unpadded. */
  unpadAll(b: Block): Float32Array[] {
    const src = this.block(b);
    return this.tensors.map((t) => {
      const out = new Float32Array(t.rows * t.cols);
      for (let r = 0; r < t.rows; r++) for (let q = 0; q < t.cols; q++) out[r * t.cols + q] = src[t.at + r * t.stride + LstmParams.column(t, q)];
      return out;
    });
  }

  /** Writes TF.js-ordered tensors into a block, zeros in the padding. */
  padAll(b: Block, values: readonly Float32Array[]): void {
    if (values.length !== this.tensors.length) throw new Error(`the LSTM network has ${this.tensors.length} weight tensors, not ${values.length}`);
    const dst = this.block(b);
    dst.fill(0);
    this.tensors.forEach((t, i) => {
      const v = values[i];
      if (v.length !== t.rows * t.cols) throw new Error(`weight tensor ${i + 1} has ${v.length} values where the network needs ${t.rows * t.cols}`);
      for (let r = 0; r < t.rows; r++) for (let q = 0; q < t.cols; q++) dst[t.at + r * t.stride + LstmParams.column(t, q)] = v[r * t.cols + q];
    });
  }

  /** As clipByGlobalNorm: scale every gradient by maxNorm / max(norm, maxNorm) (the padding's gradients are zero). */
  clip(maxNorm: number): void {
    const g = this.block('g');
    let sq = 0;
    for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
    const scale = maxNorm / Math.max(Math.sqrt(sq), maxNorm);
    if (scale !== 1) for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
}
