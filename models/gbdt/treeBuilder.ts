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

export class TreeBuilder {
  private pool: Float64Array[] = [];
  private scratch: Uint32Array;
  private orderedGH: Float64Array;
  private nodeFeatures: Int32Array;

  constructor(
    private readonly binned: Uint8Array,
    private readonly nRows: number,
    private readonly mapper: BinMapper,
    private readonly opts: TreeBuilderOptions,
  ) {
    this.scratch = new Uint32Array(nRows);
    this.orderedGH = new Float64Array(2 * nRows);
    this.nodeFeatures = new Int32Array(mapper.nFeatures);
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.mapper.totalBins * 2);
  }

  private buildHistogram(
    hist: Float64Array, rows: Uint32Array, start: number, end: number,
    grad: Float64Array, hess: Float64Array, features: Int32Array, nFeat: number,
  ): void {
    const { binned, nRows, orderedGH: gh } = this;
    const { offsets, nBins } = this.mapper;
    // Gather the node's (g, h) pairs once so the per-feature loops read them sequentially.
    const len = end - start;
    const nodeRows = rows.subarray(start, end);
    for (let i = 0; i < len; i++) {
      const r = nodeRows[i];
      gh[2 * i] = grad[r];
      gh[2 * i + 1] = hess[r];
    }
    for (let fi = 0; fi < nFeat; fi++) {
      const f = features[fi];
      const o = offsets[f] * 2;
      hist.fill(0, o, o + 2 * (nBins[f] + 1));
      const col = binned.subarray(f * nRows, (f + 1) * nRows);
      for (let i = 0; i < len; i++) {
        const j = o + 2 * col[nodeRows[i]];
        hist[j] += gh[2 * i];
        hist[j + 1] += gh[2 * i + 1];
      }
    }
  }

  private subtract(parent: Float64Array, child: Float64Array, features: Int32Array, nFeat: number): void {
    const { offsets, nBins } = this.mapper;
    for (let fi = 0; fi < nFeat; fi++) {
      const f = features[fi];
      const o = offsets[f] * 2;
      const end = o + 2 * (nBins[f] + 1);
      for (let j = o; j < end; j++) parent[j] -= child[j];
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
    grad: Float64Array, hess: Float64Array, rows: Uint32Array,
    features: Int32Array, rand: () => number,
  ): BuiltTree {
    const { opts, binned, nRows, mapper } = this;
    const nFeat = features.length;
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
    for (let i = 0; i < rows.length; i++) {
      g0 += grad[rows[i]];
      h0 += hess[rows[i]];
    }
    const root: OpenLeaf = { node: addNode(g0, h0), start: 0, end: rows.length, depth: 0, g: g0, h: h0, hist: null, split: null };
    if (canSplit(root)) {
      root.hist = this.acquire();
      this.buildHistogram(root.hist, rows, 0, rows.length, grad, hess, features, nFeat);
      root.split = this.split(root, features, nFeat, rand);
    }
    const open: OpenLeaf[] = [root];
    const done: OpenLeaf[] = [];
    let leaves = 1;
    const leafwise = opts.growth === 'leafwise';
    // open[head..] are unprocessed leaves: a FIFO queue for depthwise growth; leafwise
    // growth swaps the best candidate to the head first.
    let head = 0;
    while (head < open.length) {
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
      }
      const leaf = open[head++];
      const s = leaf.split;
      if (!s) {
        if (leaf.hist) this.pool.push(leaf.hist);
        done.push(leaf);
        if (leafwise) break; // best candidate has no split: nothing else can split either
        continue;
      }
      // Stable partition of the leaf's rows: left rows stay in place, right rows go via scratch.
      const base = s.feature * nRows;
      const lut = s.goLeft;
      let li = leaf.start, ri = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const r = rows[i];
        if (lut[binned[base + r]]) rows[li++] = r;
        else this.scratch[ri++] = r;
      }
      rows.set(this.scratch.subarray(0, ri), li);
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
      const needL = canSplit(lc), needR = canSplit(rc);
      if (needL || needR) {
        const [small, large] = lc.end - lc.start <= rc.end - rc.start ? [lc, rc] : [rc, lc];
        small.hist = this.acquire();
        this.buildHistogram(small.hist, rows, small.start, small.end, grad, hess, features, nFeat);
        this.subtract(leaf.hist!, small.hist, features, nFeat);
        large.hist = leaf.hist;
        for (const c of [lc, rc]) {
          if (canSplit(c)) c.split = this.split(c, features, nFeat, rand);
          if (!c.split && c.hist) {
            this.pool.push(c.hist);
            c.hist = null;
          }
        }
      } else if (leaf.hist) this.pool.push(leaf.hist);
      open.push(lc, rc);
    }
    for (let i = head; i < open.length; i++) {
      if (open[i].hist) this.pool.push(open[i].hist!);
      done.push(open[i]);
    }
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
