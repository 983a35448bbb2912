/**
 * Quantile binning. Each feature gets value bins 0..nBins-1 plus a trailing
 * missing bin (index nBins). Numeric bin edges are float32 and a value x lands
 * in bin b = #{edges <= x}, so "bin <= b" is exactly "x < edges[b]": splits on
 * bins translate to float32 thresholds with the rule x < threshold -> left.
 * Categorical features (ordinal codes 0..K-1) use the code itself as the bin.
 */
import { sortFloat32 } from './radixSort';

export interface BinMapper {
  nFeatures: number;
  /** Numeric features: ascending float32 edges (nBins - 1 of them). Empty for categorical. */
  edges: Float32Array[];
  categorical: boolean[];
  /** Value bins per feature; the missing bin is nBins[f]. */
  nBins: Int32Array;
  /** Start of each feature's slots in a histogram (nBins[f] + 1 slots each). */
  offsets: Int32Array;
  totalBins: number;
}

/**
 * A class rather than an object literal: with the literal, V8 deoptimized
 * every function reading the mapper at the start of the second fit in a
 * process (and recompiled them during it); instances share one stable map.
 */
class Mapper implements BinMapper {
  constructor(
    readonly nFeatures: number, readonly edges: Float32Array[], readonly categorical: boolean[],
    readonly nBins: Int32Array, readonly offsets: Int32Array, readonly totalBins: number,
  ) {}
}

/** Upper bound on rows used to find edges; larger inputs are sampled with a fixed stride. */
const MAX_BIN_SAMPLE = 200_000;

/** Edges of one feature's values (NaN = missing, ignored). */
export function computeEdges(values: Float64Array | Float32Array, maxBins: number): Float32Array {
  const sorted = values instanceof Float32Array ? sortFloat32(values, values.length) : values.filter((v) => !Number.isNaN(v)).sort();
  const n = sorted.length;
  if (n === 0) return new Float32Array(0);
  const uniq: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      uniq.push(sorted[i]);
      counts.push(1);
    } else counts[counts.length - 1]++;
  }
  const edges: number[] = [];
  // Edge between two neighbours: float32 midpoint, nudged up to the upper
  // value when rounding would fall onto the lower one.
  const edgeBetween = (lo: number, hi: number) => {
    const mid = Math.fround(lo / 2 + hi / 2);
    return mid <= lo || !Number.isFinite(mid) ? hi : mid;
  };
  if (uniq.length <= maxBins) {
    for (let i = 1; i < uniq.length; i++) edges.push(edgeBetween(uniq[i - 1], uniq[i]));
  } else {
    const perBin = n / maxBins;
    let cum = 0;
    for (let i = 0; i < uniq.length - 1 && edges.length < maxBins - 1; i++) {
      cum += counts[i];
      if (cum >= perBin * (edges.length + 1)) edges.push(edgeBetween(uniq[i], uniq[i + 1]));
    }
  }
  return Float32Array.from(edges);
}

/** Fits bin edges on the (already train-only) row-major matrix X. */
export function fitBinMapper(
  X: Float32Array,
  nRows: number,
  nCols: number,
  maxBins: number,
  categoryCounts?: ArrayLike<number>,
): BinMapper {
  const stride = Math.max(1, Math.ceil(nRows / MAX_BIN_SAMPLE));
  const sampleRows = Math.ceil(nRows / stride);
  const edges: Float32Array[] = [];
  const categorical: boolean[] = [];
  const nBins = new Int32Array(nCols);
  const offsets = new Int32Array(nCols);
  let total = 0;
  // Inputs are float32, so the sampled column is too (sorted by radix).
  const col = new Float32Array(sampleRows);
  for (let f = 0; f < nCols; f++) {
    const k = categoryCounts ? categoryCounts[f] : 0;
    // Categorical features with more levels than bins fall back to ordinal treatment.
    if (k > 0 && k <= maxBins) {
      categorical.push(true);
      edges.push(new Float32Array(0));
      nBins[f] = k;
    } else {
      for (let i = 0, r = 0; r < nRows; r += stride, i++) col[i] = X[r * nCols + f];
      const e = computeEdges(col, maxBins);
      categorical.push(false);
      edges.push(e);
      nBins[f] = e.length + 1;
    }
    offsets[f] = total;
    total += nBins[f] + 1;
  }
  return new Mapper(nCols, edges, categorical, nBins, offsets, total);
}

export function binValue(mapper: BinMapper, f: number, x: number): number {
  if (Number.isNaN(x)) return mapper.nBins[f];
  if (mapper.categorical[f]) {
    return Number.isInteger(x) && x >= 0 && x < mapper.nBins[f] ? x : mapper.nBins[f];
  }
  const e = mapper.edges[f];
  let lo = 0, hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (e[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bins a row-major matrix into a column-major Uint8Array (feature f occupies
 * [f*nRows, (f+1)*nRows)); the same bins as binValue, one feature at a time.
 */
export function binMatrix(mapper: BinMapper, X: Float32Array, nRows: number): Uint8Array {
  const nCols = mapper.nFeatures;
  const out = new Uint8Array(nRows * nCols);
  for (let f = 0; f < nCols; f++) {
    const base = f * nRows;
    const missing = mapper.nBins[f];
    if (mapper.categorical[f]) {
      for (let r = 0; r < nRows; r++) {
        const x = X[r * nCols + f];
        out[base + r] = Number.isInteger(x) && x >= 0 && x < missing ? x : missing;
      }
      continue;
    }
    const e = mapper.edges[f];
    const ne = e.length;
    for (let r = 0; r < nRows; r++) {
      const x = X[r * nCols + f];
      if (x !== x) {
        out[base + r] = missing;
        continue;
      }
      let lo = 0, hi = ne;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      out[base + r] = lo;
    }
  }
  return out;
}
