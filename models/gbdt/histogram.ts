/**
 * Gradient/hessian histograms over row-major bin slots, on one thread or split
 * by feature blocks across helper worker threads sharing memory.
 *
 * Every (histogram, feature) pair is accumulated by exactly one thread, rows in
 * the node's (ascending) order, so results are bit-identical to a single
 * thread. Helpers are plain `worker_threads` created from source text (no
 * separate file to bundle); they spin briefly, then sleep on Atomics.wait,
 * between batches. Nested workers are fine, so this also runs inside a worker.
 */
import { Worker, MessageChannel, MessagePort } from 'node:worker_threads';

/** Row-major doubled histogram slots, 2 * (offsets[f] + bin), of every row and feature. */
export type RowSlots = Uint16Array | Uint32Array;

/**
 * Accumulates (g, h) of rows[start, end) into `hist` (gh holds g, h interleaved
 * per row). The caller zeroes the slots first.
 */
export type HistKernel = (hist: Float64Array, rows: Uint32Array, start: number, end: number, gh: Float64Array, slots: RowSlots) => void;

/**
 * Source of the kernel body for the contiguous feature range [fa, fb) of
 * p-wide rows. Unrolled over features with constant offsets: V8 then keeps
 * several independent slot updates in flight instead of paying a loop
 * branch and index arithmetic per update (about 1.8x faster than a loop).
 * Ranges wider than 32 features loop over blocks of 8 to keep the function
 * small enough for the optimizing compiler. Self-contained: its source text
 * also runs in helper threads.
 */
export function kernelSource(p: number, fa: number, fb: number): string {
  // No nested functions here: transpilers may wrap them in helpers that do not exist in the helper threads.
  const update = 'hist[j] += g; hist[j + 1] += h;\n';
  let inner = '';
  const blocks = fb - fa <= 32 ? 0 : Math.floor((fb - fa) / 8) * 8;
  if (blocks > 0) {
    inner += `for (let q = k + ${fa}, qe = k + ${fa + blocks}; q < qe; q += 8) {\n`;
    for (let u = 0; u < 8; u++) inner += `j = slots[q + ${u}]; ` + update;
    inner += '}\n';
  }
  for (let f = fa + blocks; f < fb; f++) inner += `j = slots[k + ${f}]; ` + update;
  return `'use strict';
let j = 0;
for (let i = start; i < end; i++) {
  const r = rows[i];
  const g = gh[2 * r], h = gh[2 * r + 1];
  const k = r * ${p};
${inner}}`;
}

const kernels = new Map<string, HistKernel>();

/** The (cached) kernel for features [fa, fb) of p-wide rows. */
export function histogramKernel(p: number, fa: number, fb: number): HistKernel {
  const key = `${p}:${fa}:${fb}`;
  let k = kernels.get(key);
  if (!k) {
    k = new Function('hist', 'rows', 'start', 'end', 'gh', 'slots', kernelSource(p, fa, fb)) as HistKernel;
    kernels.set(key, k);
  }
  return k;
}

/**
 * Zeroes then accumulates the histogram slots of the feature list entries
 * [fa, fb) (all = 1: the list is the identity, so they are contiguous).
 * Self-contained: its source text also runs in helper threads, where
 * `kernelFor` builds kernels from kernelSource.
 */
export function accumulateHistogram(
  hist: Float64Array, rows: Uint32Array, start: number, end: number, gh: Float64Array, slots: RowSlots, p: number,
  features: Int32Array, fa: number, fb: number, all: number, offsets: Int32Array, nBins: Int32Array,
  kernelFor: (p: number, fa: number, fb: number) => HistKernel,
): void {
  if (fb <= fa) return;
  if (all === 1) {
    hist.fill(0, 2 * offsets[fa], 2 * (offsets[fb - 1] + nBins[fb - 1] + 1));
    kernelFor(p, fa, fb)(hist, rows, start, end, gh, slots);
    return;
  }
  for (let fi = fa; fi < fb; fi++) {
    const o = offsets[features[fi]] * 2;
    hist.fill(0, o, o + 2 * (nBins[features[fi]] + 1));
  }
  // Row-wise: a row's slots share a cache line.
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const g = gh[2 * r], h = gh[2 * r + 1];
    const base = r * p;
    for (let fi = fa; fi < fb; fi++) {
      const j = slots[base + features[fi]];
      hist[j] += g;
      hist[j + 1] += h;
    }
  }
}

// Control words (Int32Array over a SharedArrayBuffer).
const SEQ = 0; // bumped once per batch
const DONE = 1; // helpers that finished the current batch
const CMD = 2; // 1 = histogram batch, 2 = stop
const NTASKS = 3;
const ALL = 4;
const READY = 5; // helpers that are up and waiting
const FAILED = 6; // set by a helper whose batch threw
const RANGES = 8; // per helper: [fa, fb)
const CMD_HIST = 1;
const CMD_STOP = 2;
const MAX_HELPERS = 15;
/** Tasks per batch handed to helpers at once (larger batches go in several rounds). */
const MAX_TASKS = 512;
/** Spin iterations before sleeping on Atomics.wait (a few tens of microseconds). */
const SPIN = 20000;
/** Below this many row x feature updates per batch the main thread works alone. */
export const PARALLEL_MIN_WORK = 1 << 15;

function helperSource(): string {
  return `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const accumulate = (${accumulateHistogram.toString()});
const kernelSource = (${kernelSource.toString()});
const kernels = new Map();
const kernelFor = (p, fa, fb) => {
  const key = p + ':' + fa + ':' + fb;
  let k = kernels.get(key);
  if (!k) kernels.set(key, k = new Function('hist', 'rows', 'start', 'end', 'gh', 'slots', kernelSource(p, fa, fb)));
  return k;
};
const d = workerData;
const ctl = new Int32Array(d.ctl), tasks = new Int32Array(d.tasks), features = new Int32Array(d.features);
const rows = new Uint32Array(d.rows), gh = new Float64Array(d.gh);
const rowSlots = d.wide ? new Uint32Array(d.rowSlots) : new Uint16Array(d.rowSlots);
const offsets = Int32Array.from(d.offsets), nBins = Int32Array.from(d.nBins);
const slots = [];
const me = d.index;
// Read the batch counter before reporting ready, so no batch issued afterwards is missed.
let seq = Atomics.load(ctl, ${SEQ});
Atomics.add(ctl, ${READY}, 1);
for (;;) {
  let spin = 0;
  while (Atomics.load(ctl, ${SEQ}) === seq) {
    if (++spin > ${SPIN}) { Atomics.wait(ctl, ${SEQ}, seq); spin = 0; }
  }
  seq = Atomics.load(ctl, ${SEQ});
  if (Atomics.load(ctl, ${CMD}) === ${CMD_STOP}) break;
  for (let m = receiveMessageOnPort(d.port); m; m = receiveMessageOnPort(d.port)) slots[m.message.id] = new Float64Array(m.message.buffer);
  const fa = ctl[${RANGES} + 2 * me], fb = ctl[${RANGES} + 2 * me + 1], all = ctl[${ALL}], n = ctl[${NTASKS}];
  try {
    for (let t = 0; t < n && fb > fa; t++) {
      accumulate(slots[tasks[3 * t]], rows, tasks[3 * t + 1], tasks[3 * t + 2], gh, rowSlots, d.p, features, fa, fb, all, offsets, nBins, kernelFor);
    }
  } catch {
    // Still answer the batch, so the main thread never waits forever; it redoes the work.
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}
`;
}

/** One histogram to build: the node's rows are rows[start, end). */
export interface HistTask {
  hist: Float64Array;
  start: number;
  end: number;
}

/**
 * Shared buffers plus helper threads for one TreeBuilder. The builder works on
 * `rows` and `gh` here (shared) and takes histograms from `newHist()`.
 */
export class ParallelHistograms {
  readonly rows: Uint32Array;
  /** Gradients and hessians, interleaved per row. */
  readonly gh: Float64Array;
  private readonly ctl: Int32Array;
  private readonly tasks: Int32Array;
  private readonly features: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly slotIds = new Map<Float64Array, number>();
  private readonly histLength: number;
  private closed = false;

  constructor(
    nRows: number, private readonly p: number, private readonly rowSlots: RowSlots,
    private readonly offsets: Int32Array, private readonly nBins: Int32Array, totalBins: number, helpers: number,
  ) {
    const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
    this.rows = new Uint32Array(shared(4 * nRows));
    this.gh = new Float64Array(shared(16 * nRows));
    this.ctl = new Int32Array(shared(4 * (RANGES + 2 * (MAX_HELPERS + 1))));
    this.tasks = new Int32Array(shared(4 * 3 * MAX_TASKS));
    this.features = new Int32Array(shared(4 * p));
    this.histLength = totalBins * 2;
    const source = helperSource();
    for (let i = 0; i < Math.min(helpers, MAX_HELPERS); i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(source, {
        eval: true,
        workerData: {
          index: i, p, wide: rowSlots instanceof Uint32Array, port: port2,
          ctl: this.ctl.buffer, tasks: this.tasks.buffer, features: this.features.buffer,
          rows: this.rows.buffer, gh: this.gh.buffer, rowSlots: rowSlots.buffer,
          offsets: Array.from(offsets), nBins: Array.from(nBins),
        },
        transferList: [port2],
      });
      // A helper that fails to start never reports ready; the main thread then works alone.
      worker.on('error', () => {});
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** A zeroed histogram in shared memory, known to every helper. */
  newHist(): Float64Array {
    const buffer = new SharedArrayBuffer(this.histLength * 8);
    const hist = new Float64Array(buffer);
    const id = this.slotIds.size;
    this.slotIds.set(hist, id);
    for (const port of this.ports) port.postMessage({ id, buffer });
    return hist;
  }

  /** True once every helper thread is running (they start asynchronously). */
  get helpersReady(): boolean {
    return this.readyHelpers() > 0;
  }

  /** Helpers in use: all of them once every one is running (they start asynchronously), else none. */
  private readyHelpers(): number {
    if (this.closed || this.workers.length === 0) return 0;
    return Atomics.load(this.ctl, READY) === this.workers.length ? this.workers.length : 0;
  }

  /** Builds every task's histogram over `rows`, using the helpers when the batch is big enough. */
  run(tasks: HistTask[], features: Int32Array, nFeat: number): void {
    const { rows, gh, rowSlots, p, offsets, nBins } = this;
    const all = nFeat === p ? 1 : 0;
    let work = 0;
    for (const t of tasks) work += t.end - t.start;
    work *= nFeat;
    const helpers = this.readyHelpers();
    if (helpers === 0 || work < PARALLEL_MIN_WORK || nFeat < 2) {
      for (const t of tasks) accumulateHistogram(t.hist, rows, t.start, t.end, gh, rowSlots, p, features, 0, nFeat, all, offsets, nBins, histogramKernel);
      return;
    }
    const ctl = this.ctl;
    if (!all) this.features.set(features.subarray(0, nFeat));
    // Feature blocks: block 0 for this thread, block i + 1 for helper i.
    const threads = Math.min(helpers + 1, nFeat);
    const bound = (b: number) => Math.round((b * nFeat) / threads);
    for (let i = 0; i < this.workers.length; i++) {
      const fa = i + 1 < threads ? bound(i + 1) : 0, fb = i + 1 < threads ? bound(i + 2) : 0;
      ctl[RANGES + 2 * i] = fa;
      ctl[RANGES + 2 * i + 1] = fb;
    }
    ctl[ALL] = all;
    const fb0 = bound(1);
    for (let from = 0; from < tasks.length; from += MAX_TASKS) {
      const to = Math.min(tasks.length, from + MAX_TASKS);
      for (let t = from; t < to; t++) {
        const task = tasks[t];
        const k = 3 * (t - from);
        this.tasks[k] = this.slotIds.get(task.hist)!;
        this.tasks[k + 1] = task.start;
        this.tasks[k + 2] = task.end;
      }
      ctl[NTASKS] = to - from;
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, CMD, CMD_HIST);
      Atomics.add(ctl, SEQ, 1);
      Atomics.notify(ctl, SEQ);
      for (let t = from; t < to; t++) {
        const task = tasks[t];
        accumulateHistogram(task.hist, rows, task.start, task.end, gh, rowSlots, p, features, 0, fb0, all, offsets, nBins, histogramKernel);
      }
      // Every helper answers each batch, even with an empty feature block.
      const expected = helpers;
      let spin = 0;
      for (let done = Atomics.load(ctl, DONE); done < expected; done = Atomics.load(ctl, DONE)) {
        if (++spin > SPIN) {
          Atomics.wait(ctl, DONE, done, 1);
          spin = 0;
        }
      }
      if (Atomics.load(ctl, FAILED) !== 0) {
        // A helper failed: rebuild these histograms here, and work alone from now on.
        this.close();
        for (let t = from; t < tasks.length; t++) {
          const task = tasks[t];
          accumulateHistogram(task.hist, rows, task.start, task.end, gh, rowSlots, p, features, 0, nFeat, all, offsets, nBins, histogramKernel);
        }
        return;
      }
    }
  }

  /** Stops the helpers; later batches run on this thread only. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, CMD, CMD_STOP);
    Atomics.add(this.ctl, SEQ, 1);
    Atomics.notify(this.ctl, SEQ);
    for (const w of this.workers) void w.terminate();
    for (const port of this.ports) port.close();
  }
}
