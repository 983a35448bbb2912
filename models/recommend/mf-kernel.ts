/**
 * mf's SGD epochs in WebAssembly with f32x4 SIMD (mf-kernel.wat): the rating model's (mf.ts's sgdEpoch)
 * and the interaction model's steps (mf-interaction.ts), the same updates in the same order, 2–3× faster. The dot product sums in f32 lanes rather than in
 * a double, so the numbers differ from the JavaScript loop in the last bits; both are deterministic,
 * and a fit uses one or the other throughout (the JavaScript loop only where WebAssembly SIMD is missing).
 */
import type { Interactions } from './types';
import { compileModule, instantiate as instantiateModule, layout, MAX_BYTES, type WasmMemory } from '../nn/kernel/wasm-runtime';
import { WASM_BASE64 } from './mf-kernel-wasm';

type EpochFn = (order: number, n: number, user: number, item: number, value: number, p: number, q: number, bu: number, bi: number,
  rowBytes: number, lr: number, reg: number, mu: number) => number;
type LogisticFn = (su: number, si: number, sl: number, n: number, p: number, q: number, bias: number, rowBytes: number, lr: number, reg: number) => number;

let compiled: ReturnType<typeof compileModule> | undefined;

/** The compiled kernel, or null where this runtime has no WebAssembly SIMD (mf then runs its JavaScript loop). */
function kernelModule(): object | null {
  compiled ??= compileModule(WASM_BASE64);
  return 'module' in compiled ? compiled.module : null;
}

/** The factors an epoch updates in place (mf.ts's MfFactors, without the parts the kernel does not touch). */
export interface KernelFactors {
  bu: Float64Array;
  bi: Float64Array;
  p: Float32Array;
  q: Float32Array;
}

export interface MfKernel {
  /** One epoch over the interactions in `order`; returns the sum of squared errors seen. */
  epoch(order: Uint32Array, lr: number, reg: number, mu: number): number;
  /** Copies the trained factors and biases back into `f`. */
  readBack(f: KernelFactors): void;
}

/** A fresh instance with at least `bytes` of memory (the kernel's log loss imports Math's exp and log), or null when it cannot run here. */
function instantiate(bytes: number): { memory: WasmMemory; exports: Record<string, unknown> } | null {
  const mod = kernelModule();
  if (!mod || bytes > MAX_BYTES) return null;
  return instantiateModule(mod, bytes, { m: { exp: Math.exp, log: Math.log } });
}

/** Factor rows of `k` copied to rows of `stride` (zero padded), and back. */
function padRows(from: Float32Array, to: Float32Array, k: number, stride: number): void {
  for (let r = 0; r * k < from.length; r++) to.set(from.subarray(r * k, (r + 1) * k), r * stride);
}
function unpadRows(from: Float32Array, to: Float32Array, k: number, stride: number): void {
  for (let r = 0; r * k < to.length; r++) to.set(from.subarray(r * stride, r * stride + k), r * k);
}

/** A kernel holding the training data and the factors of `f` (k per row), or null when it cannot run here. */
export function mfKernel(train: Interactions, f: KernelFactors, k: number): MfKernel | null {
  const n = train.user.length;
  const nUsers = f.bu.length;
  const nItems = f.bi.length;
  const stride = Math.ceil(k / 4) * 4;
  const rowBytes = stride * 4;
  const { off, bytes } = layout({
    order: 4 * n, user: 4 * n, item: 4 * n, value: 4 * n, p: nUsers * rowBytes, q: nItems * rowBytes, bu: 8 * nUsers, bi: 8 * nItems,
  });
  const inst = instantiate(bytes);
  if (!inst) return null;
  const epochFn = inst.exports.epoch as EpochFn;
  const buf = inst.memory.buffer;
  new Int32Array(buf, off.user, n).set(train.user);
  new Int32Array(buf, off.item, n).set(train.item);
  new Float32Array(buf, off.value, n).set(train.value);
  const p = new Float32Array(buf, off.p, nUsers * stride);
  const q = new Float32Array(buf, off.q, nItems * stride);
  padRows(f.p, p, k, stride);
  padRows(f.q, q, k, stride);
  new Float64Array(buf, off.bu, nUsers).set(f.bu);
  new Float64Array(buf, off.bi, nItems).set(f.bi);
  const orderView = new Uint32Array(buf, off.order, n);
  return {
    epoch(order, lr, reg, mu) {
      orderView.set(order);
      return epochFn(off.order, order.length, off.user, off.item, off.value, off.p, off.q, off.bu, off.bi, rowBytes, lr, reg, mu);
    },
    readBack(out) {
      unpadRows(p, out.p, k, stride);
      unpadRows(q, out.q, k, stride);
      out.bu.set(new Float64Array(buf, off.bu, nUsers));
      out.bi.set(new Float64Array(buf, off.bi, nItems));
    },
  };
}

/** The interaction model's factors (mf-interaction.ts's InteractionFactors). */
export interface LogisticFactors {
  dim: number;
  bias: Float64Array;
  p: Float32Array;
  q: Float32Array;
}

export interface LogisticKernel {
  /** Where to write up to `maxSteps` steps: user, item and label (1 or 0) per step. */
  readonly steps: { user: Int32Array; item: Int32Array; label: Uint8Array };
  /** Runs the first `n` steps written; returns their summed log loss. */
  run(n: number, lr: number, reg: number): number;
  readBack(f: LogisticFactors): void;
}

/** A kernel for the interaction model's steps on the factors of `f`, or null when it cannot run here. */
export function logisticKernel(f: LogisticFactors, maxSteps: number): LogisticKernel | null {
  const k = f.dim;
  const nUsers = f.p.length / k;
  const nItems = f.bias.length;
  const stride = Math.ceil(k / 4) * 4;
  const rowBytes = stride * 4;
  const { off, bytes } = layout({ su: 4 * maxSteps, si: 4 * maxSteps, sl: maxSteps, p: nUsers * rowBytes, q: nItems * rowBytes, bias: 8 * nItems });
  const inst = instantiate(bytes);
  if (!inst) return null;
  const run = inst.exports.logistic as LogisticFn;
  const buf = inst.memory.buffer;
  const p = new Float32Array(buf, off.p, nUsers * stride);
  const q = new Float32Array(buf, off.q, nItems * stride);
  padRows(f.p, p, k, stride);
  padRows(f.q, q, k, stride);
  new Float64Array(buf, off.bias, nItems).set(f.bias);
  return {
    steps: { user: new Int32Array(buf, off.su, maxSteps), item: new Int32Array(buf, off.si, maxSteps), label: new Uint8Array(buf, off.sl, maxSteps) },
    run: (n, lr, reg) => run(off.su, off.si, off.sl, n, off.p, off.q, off.bias, rowBytes, lr, reg),
    readBack(out) {
      unpadRows(p, out.p, k, stride);
      unpadRows(q, out.q, k, stride);
      out.bias.set(new Float64Array(buf, off.bias, nItems));
    },
  };
}
