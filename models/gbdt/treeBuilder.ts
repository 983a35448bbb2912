/**
 * Grows one regression tree on pre-binned features from per-row gradients and
 * hessians. Histograms: the smaller child is built from its rows and the
 * larger one is obtained as parent - smaller (histogram subtraction).
 * Growth is depth-wise (FIFO, limited by maxDepth) or leaf-wise (always split
 * the open leaf with the largest gain, limited by maxLeaves and maxDepth).
 * Leaf values are Newton steps -G/(H + l2), without shrinkage.
 */
import { BinMapper } from './binning';
import { findBestSplit, SplitInfo } from './splitFinder';
import { Tree } from './tree';
import { Growth } from './params';
import { accumulateHistogram, histogramKernel, HistTask, ParallelHistograms, RowSlots } from './histogram';

/** Rows x features below which helper threads are not worth starting. */
const PARALLEL_MIN_DATA = 100_000;

export interface TreeBuilderOptions {
  maxDepth: number;
  maxLeaves: number;
  growth: Growth;
  l2: number;
  minChildWeight: number;
  minSplitGain: number;
  /** Feature fraction sampled at every node (random forest style); 1 = off. */
  colsampleByNode: number;
}

export interface BuiltTree {
  tree: Tree;
  /** Final leaves: node id and the range of `rows` (as permuted by the builder) that reached it. */
  leafNode: Int32Array;
  leafStart: Int32Array;
  leafEnd: Int32Array;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
}

/**
 * Stable partition of rows[start, end): rows whose bin maps to 1 in `lut` stay
 * in front (in order), the others follow via `scratch`. Returns the split point.
 * Branch-free: both targets are written and only one cursor advances (the
 * write cursor never passes the read cursor).
 */
function partitionRows(
  rows: Uint32Array, start: number, end: number, binned: Uint8Array, base: number, lut: Uint8Array, scratch: Uint32Array,
): number {
  let li = start, ri = 0;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const goL = lut[binned[base + r]];
    rows[li] = r;
    scratch[ri] = r;
    li += goL;
    ri += goL ^ 1;
  }
  rows.set(scratch.subarray(0, ri), li);
  return li;
}

/** parent[j] -= child[j] over [from, to); unrolled, as V8 spends more on loop control than on the subtraction. */
function subtractRange(parent: Float64Array, child: Float64Array, from: number, to: number): void {
  let j = from;
  for (; j + 3 < to; j += 4) {
    parent[j] -= child[j];
    parent[j + 1] -= child[j + 1];
    parent[j + 2] -= child[j + 2];
    parent[j + 3] -= child[j + 3];
  }
  for (; j < to; j++) parent[j] -= child[j];
}

export class TreeBuilder {
  private pool: Float64Array[] = [];
  private scratch: Uint32Array;
  /** Row-major doubled histogram slot, 2 * (offsets[f] + bin), of every row and feature. */
  private rowSlots: RowSlots;
  /** Gradients and hessians interleaved per row: one cache line serves both. */
  private gh: Float64Array;
  private nodeFeatures: Int32Array;
  private parallel: ParallelHistograms | null = null;

  /**
   * `threads` > 1 builds histograms with threads - 1 helper workers when the
   * data is big enough (results are identical); call close() when done.
   */
  constructor(
    private readonly binned: Uint8Array,
    private readonly nRows: number,
    private readonly mapper: BinMapper,
    private readonly opts: TreeBuilderOptions,
    threads = 1,
  ) {
    this.scratch = new Uint32Array(nRows);
    this.nodeFeatures = new Int32Array(mapper.nFeatures);
    const p = mapper.nFeatures;
    const useThreads = threads > 1 && p > 1 && nRows * p >= PARALLEL_MIN_DATA;
    const wide = 2 * mapper.totalBins > 0xffff;
    const bytes = nRows * p * (wide ? 4 : 2);
    const buffer = useThreads ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(bytes);
    this.rowSlots = wide ? new Uint32Array(buffer, 0, nRows * p) : new Uint16Array(buffer, 0, nRows * p);
    for (let f = 0; f < p; f++) {
      const col = binned.subarray(f * nRows, (f + 1) * nRows);
      const o = mapper.offsets[f];
      for (let r = 0; r < nRows; r++) this.rowSlots[r * p + f] = 2 * (o + col[r]);
    }
    if (useThreads) {
      this.parallel = new ParallelHistograms(nRows, p, this.rowSlots, mapper.offsets, mapper.nBins, mapper.totalBins, threads - 1);
    }
    this.gh = this.parallel?.gh ?? new Float64Array(2 * nRows);
  }

  /** Stops helper threads (the builder keeps working on one thread). */
  close(): void {
    this.parallel?.close();
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? this.parallel?.newHist() ?? new Float64Array(this.mapper.totalBins * 2);
  }

  /** Builds the histograms of a batch of nodes (all rows taken from `rows`). */
  private buildHistograms(tasks: HistTask[], rows: Uint32Array, features: Int32Array, nFeat: number): void {
    if (this.parallel) {
      this.parallel.run(tasks, features, nFeat);
      return;
    }
    const { rowSlots, gh } = this;
    const { offsets, nBins, nFeatures: p } = this.mapper;
    const all = nFeat === p ? 1 : 0;
    for (const t of tasks) accumulateHistogram(t.hist, rows, t.start, t.end, gh, rowSlots, p, features, 0, nFeat, all, offsets, nBins, histogramKernel);
  }

  private subtract(parent: Float64Array, child: Float64Array, features: Int32Array, nFeat: number): void {
    const { offsets, nBins, nFeatures } = this.mapper;
    if (nFeat === nFeatures) {
      subtractRange(parent, child, 0, 2 * this.mapper.totalBins);
      return;
    }
    for (let fi = 0; fi < nFeat; fi++) {
      const o = offsets[features[fi]] * 2;
      subtractRange(parent, child, o, o + 2 * (nBins[features[fi]] + 1));
    }
  }

  private split(leaf: OpenLeaf, features: Int32Array, nFeat: number, rand: () => number): SplitInfo | null {
    let cand = features;
    let nCand = nFeat;
    if (this.opts.colsampleByNode < 1) {
      cand = this.nodeFeatures;
      cand.set(features.subarray(0, nFeat));
      nCand = Math.max(1, Math.round(nFeat * this.opts.colsampleByNode));
      for (let i = 0; i < nCand; i++) {
        const j = i + Math.floor(rand() * (nFeat - i));
        const t = cand[i];
        cand[i] = cand[j];
        cand[j] = t;
      }
    }
    return findBestSplit(leaf.hist!, this.mapper, cand, nCand, leaf.g, leaf.h, this.opts);
  }

  /**
   * Builds a tree over `rows` (permuted in place so each leaf's rows are contiguous).
   * `features` lists the usable feature indices; `rand` drives per-node sampling.
   */
  build(
    gradIn: Float64Array, hessIn: Float64Array, rowsIn: Uint32Array,
    features: Int32Array, rand: () => number,
  ): BuiltTree {
    const { opts, binned, nRows, mapper, parallel } = this;
    const nFeat = features.length;
    const nUsed = rowsIn.length;
    const gh = this.gh;
    for (let r = 0, m = Math.min(gradIn.length, nRows); r < m; r++) {
      gh[2 * r] = gradIn[r];
      gh[2 * r + 1] = hessIn[r];
    }
    // With helper threads the builder works on a shared copy of the rows.
    let rows = rowsIn;
    if (parallel) {
      rows = parallel.rows.subarray(0, nUsed);
      rows.set(rowsIn);
    }
    const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [];
    const defaultLeft: number[] = [], isCat: number[] = [], value: number[] = [], gain: number[] = [], cover: number[] = [];
    const catStart: number[] = [], catCount: number[] = [], catValues: number[] = [];
    const addNode = (g: number, h: number) => {
      feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); defaultLeft.push(0); isCat.push(0);
      value.push(-g / (h + opts.l2)); gain.push(0); cover.push(h); catStart.push(catValues.length); catCount.push(0);
      return feature.length - 1;
    };
    const canSplit = (l: OpenLeaf) =>
      (opts.maxDepth === 0 || l.depth < opts.maxDepth) && l.end - l.start >= 2 && l.h >= 2 * opts.minChildWeight;

    let g0 = 0, h0 = 0;
    for (let i = 0; i < nUsed; i++) {
      g0 += gradIn[rows[i]];
      h0 += hessIn[rows[i]];
    }
    const root: OpenLeaf = { node: addNode(g0, h0), start: 0, end: nUsed, depth: 0, g: g0, h: h0, hist: null, split: null };
    if (canSplit(root)) {
      root.hist = this.acquire();
      this.buildHistograms([{ hist: root.hist, start: 0, end: nUsed }], rows, features, nFeat);
      root.split = this.split(root, features, nFeat, rand);
    }
    const open: OpenLeaf[] = [root];
    const done: OpenLeaf[] = [];
    let leaves = 1;
    const leafwise = opts.growth === 'leafwise';
    // open[head..] are unprocessed leaves: a FIFO queue for depthwise growth, processed
    // one level at a time so a level's histograms are built in one batch; leafwise
    // growth swaps the best candidate to the head first and processes it alone.
    let head = 0;
    const pending: { parent: OpenLeaf; lc: OpenLeaf; rc: OpenLeaf; small: OpenLeaf | null }[] = [];
    const tasks: HistTask[] = [];
    let stop = false;
    while (head < open.length && !stop) {
      let batchEnd: number;
      if (leafwise) {
        if (leaves >= opts.maxLeaves) break;
        let pick = head;
        let bestGain = -Infinity;
        for (let i = head; i < open.length; i++) {
          const s = open[i].split;
          if (s && s.gain > bestGain) {
            bestGain = s.gain;
            pick = i;
          }
        }
        const t = open[head];
        open[head] = open[pick];
        open[pick] = t;
        batchEnd = head + 1;
      } else {
        batchEnd = head + 1;
        while (batchEnd < open.length && open[batchEnd].depth === open[head].depth) batchEnd++;
      }
      // Phase 1, in queue order: partition each leaf's rows and create its children.
      pending.length = 0;
      tasks.length = 0;
      for (; head < batchEnd; head++) {
        const leaf = open[head];
        const s = leaf.split;
        if (!s) {
          if (leaf.hist) this.pool.push(leaf.hist);
          done.push(leaf);
          if (leafwise) {
            stop = true; // best candidate has no split: nothing else can split either
            head++;
            break;
          }
          continue;
        }
        const lut = s.goLeft;
        const li = partitionRows(rows, leaf.start, leaf.end, binned, s.feature * nRows, lut, this.scratch);
        const n = leaf.node;
        feature[n] = s.feature;
        defaultLeft[n] = s.defaultLeft ? 1 : 0;
        gain[n] = s.gain;
        if (s.categorical) {
          isCat[n] = 1;
          catStart[n] = catValues.length;
          for (let b = 0; b < mapper.nBins[s.feature]; b++) if (lut[b]) catValues.push(b);
          catCount[n] = catValues.length - catStart[n];
        } else threshold[n] = mapper.edges[s.feature][s.bin];
        const lc: OpenLeaf = { node: addNode(s.gl, s.hl), start: leaf.start, end: li, depth: leaf.depth + 1, g: s.gl, h: s.hl, hist: null, split: null };
        const rc: OpenLeaf = { node: addNode(s.gr, s.hr), start: li, end: leaf.end, depth: leaf.depth + 1, g: s.gr, h: s.hr, hist: null, split: null };
        left[n] = lc.node;
        right[n] = rc.node;
        leaves++;
        let small: OpenLeaf | null = null;
        if (canSplit(lc) || canSplit(rc)) {
          small = lc.end - lc.start <= rc.end - rc.start ? lc : rc;
          small.hist = this.acquire();
          tasks.push({ hist: small.hist, start: small.start, end: small.end });
        } else if (leaf.hist) {
          this.pool.push(leaf.hist);
          leaf.hist = null;
        }
        pending.push({ parent: leaf, lc, rc, small });
        open.push(lc, rc);
      }
      // Phase 2: the smaller children's histograms, in one batch.
      if (tasks.length) this.buildHistograms(tasks, rows, features, nFeat);
      // Phase 3, in queue order: larger child = parent - smaller, then the children's best splits.
      for (const { parent, lc, rc, small } of pending) {
        if (!small) continue;
        const large = small === lc ? rc : lc;
        this.subtract(parent.hist!, small.hist!, features, nFeat);
        large.hist = parent.hist;
        parent.hist = null;
        for (const c of [lc, rc]) {
          if (canSplit(c)) c.split = this.split(c, features, nFeat, rand);
          if (!c.split && c.hist) {
            this.pool.push(c.hist);
            c.hist = null;
          }
        }
      }
    }
    for (let i = head; i < open.length; i++) {
      if (open[i].hist) this.pool.push(open[i].hist!);
      done.push(open[i]);
    }
    if (parallel) rowsIn.set(rows);
    const tree: Tree = {
      feature: Int32Array.from(feature),
      threshold: Float32Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      defaultLeft: Uint8Array.from(defaultLeft),
      isCategorical: Uint8Array.from(isCat),
      value: Float64Array.from(value),
      gain: Float64Array.from(gain),
      cover: Float64Array.from(cover),
      catStart: Int32Array.from(catStart),
      catCount: Int32Array.from(catCount),
      catValues: Int32Array.from(catValues),
    };
    return {
      tree,
      leafNode: Int32Array.from(done, (l) => l.node),
      leafStart: Int32Array.from(done, (l) => l.start),
      leafEnd: Int32Array.from(done, (l) => l.end),
    };
  }
}
