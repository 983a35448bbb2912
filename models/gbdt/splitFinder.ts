/**
 * Best split search on a gradient/hessian histogram (g, h interleaved per bin).
 * Gain = 0.5 * [GL^2/(HL+l2) + GR^2/(HR+l2) - G^2/(H+l2)], the second-order
 * loss reduction. Missing values are tried on both sides to learn the default
 * direction; categorical features use the sorted-gradient partition (sort
 * categories by g/(h+l2), scan prefixes), which contains one-vs-rest splits.
 */
import { BinMapper } from './binning';

export interface SplitInfo {
  gain: number;
  feature: number;
  /** Lookup table over the feature's bins (missing bin included): 1 = row goes left. */
  goLeft: Uint8Array;
  /** Numeric: left = bins <= bin. */
  bin: number;
  defaultLeft: boolean;
  categorical: boolean;
  gl: number;
  hl: number;
  gr: number;
  hr: number;
}

export interface SplitConstraints {
  l2: number;
  minChildWeight: number;
  minSplitGain: number;
}

const score = (g: number, h: number, l2: number) => (g * g) / (h + l2);

/** Scratch for the categorical scan, grown on demand (split search never re-enters itself). */
let order = new Int32Array(64);
let keys = new Float64Array(64);
let bestOrder = new Int32Array(64);

/**
 * Sorts order[0, n) by ascending key, ties by category code: the order of the
 * comparator (ka - kb || a - b). Insertion sort, since categorical features
 * have few levels and this runs at every node.
 */
function sortCategories(n: number): void {
  for (let i = 1; i < n; i++) {
    const c = order[i], kc = keys[c];
    let j = i - 1;
    while (j >= 0 && ((kc - keys[order[j]]) || (c - order[j])) < 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = c;
  }
}

export function findBestSplit(
  hist: Float64Array,
  mapper: BinMapper,
  features: Int32Array,
  nFeatures: number,
  G: number,
  H: number,
  c: SplitConstraints,
): SplitInfo | null {
  const { l2, minChildWeight } = c;
  const { offsets, nBins, categorical } = mapper;
  const minH = Math.max(minChildWeight, 1e-12);
  const parent = score(G, H, l2);
  // The winner is kept as scalars; its lookup table is built once at the end.
  let bestGain = Math.max(c.minSplitGain, 1e-12);
  let bestF = -1, bestBin = -1, bestDefaultLeft = false;
  for (let fi = 0; fi < nFeatures; fi++) {
    const f = features[fi];
    const o = offsets[f] * 2;
    const nb = nBins[f];
    const gm = hist[o + 2 * nb];
    const hm = hist[o + 2 * nb + 1];
    if (!categorical[f]) {
      let gl = 0, hl = 0;
      let fBest = -1, fGain = bestGain, fDefaultLeft = false;
      // One loop per missing-row case, stepping over the interleaved slots: the scan is
      // bound by instructions per bin. An empty bin repeats the previous bin's gains,
      // which cannot win again (testing for it is an unpredictable branch, so it is not done).
      const last = o + 2 * (nb - 1);
      if (hm === 0) {
        for (let j = o; j < last; j += 2) {
          gl += hist[j];
          hl += hist[j + 1];
          const hr = H - hl;
          if (hl >= minH && hr >= minH) {
            const gain = 0.5 * (score(gl, hl, l2) + score(G - gl, hr, l2) - parent);
            if (gain > fGain) {
              fGain = gain;
              fBest = j;
              // Without missing rows the default follows the heavier child.
              fDefaultLeft = hl > hr;
            }
          }
        }
      } else {
        for (let j = o; j < last; j += 2) {
          gl += hist[j];
          hl += hist[j + 1];
          // Missing goes right.
          let hr = H - hl;
          if (hl >= minH && hr >= minH) {
            const gain = 0.5 * (score(gl, hl, l2) + score(G - gl, hr, l2) - parent);
            if (gain > fGain) {
              fGain = gain;
              fBest = j;
              fDefaultLeft = false;
            }
          }
          // Missing goes left.
          const hl2 = hl + hm;
          hr = H - hl2;
          if (hl2 >= minH && hr >= minH) {
            const gain = 0.5 * (score(gl + gm, hl2, l2) + score(G - gl - gm, hr, l2) - parent);
            if (gain > fGain) {
              fGain = gain;
              fBest = j;
              fDefaultLeft = true;
            }
          }
        }
      }
      if (fBest >= 0) fBest = (fBest - o) >> 1; // slot -> bin
      if (fBest >= 0) {
        bestGain = fGain;
        bestF = f;
        bestBin = fBest;
        bestDefaultLeft = fDefaultLeft;
      }
    } else {
      if (order.length <= nb) {
        order = new Int32Array(nb + 1);
        keys = new Float64Array(nb + 1);
        bestOrder = new Int32Array(nb + 1);
      }
      let nCats = 0;
      for (let b = 0; b < nb; b++) {
        if (hist[o + 2 * b + 1] > 0) {
          order[nCats++] = b;
          keys[b] = hist[o + 2 * b] / (hist[o + 2 * b + 1] + l2);
        }
      }
      if (nCats < 2 && hm === 0) continue;
      sortCategories(nCats);
      let gl = 0, hl = 0;
      let fBest = -1, fGain = bestGain, fDefaultLeft = false;
      // Prefix of k categories goes left; k = nCats is only useful with missing rows on the right.
      for (let k = 0; k < nCats; k++) {
        gl += hist[o + 2 * order[k]];
        hl += hist[o + 2 * order[k] + 1];
        for (let side = 0; side < 2; side++) {
          if (side === 1 && hm === 0) break;
          const gL = side ? gl + gm : gl;
          const hL = side ? hl + hm : hl;
          const hR = H - hL;
          if (hL < minH || hR < minH) continue;
          const gain = 0.5 * (score(gL, hL, l2) + score(G - gL, hR, l2) - parent);
          if (gain > fGain) {
            fGain = gain;
            fBest = k;
            fDefaultLeft = side === 1 || (hm === 0 && hL > hR);
          }
        }
      }
      if (fBest >= 0) {
        bestGain = fGain;
        bestF = f;
        bestBin = -1;
        bestDefaultLeft = fDefaultLeft;
        // The chosen prefix, ended by -1.
        bestOrder.set(order.subarray(0, fBest + 1));
        bestOrder[fBest + 1] = -1;
      }
    }
  }
  if (bestF < 0) return null;
  const o = offsets[bestF] * 2;
  const nb = nBins[bestF];
  const isCat = bestBin < 0;
  // Left sums in the order of the scan, so they equal the scanned prefix exactly.
  const goLeft = new Uint8Array(nb + 1);
  let sg = 0, sh = 0;
  for (let k = 0; isCat ? bestOrder[k] >= 0 : k <= bestBin; k++) {
    const b = isCat ? bestOrder[k] : k;
    goLeft[b] = 1;
    sg += hist[o + 2 * b];
    sh += hist[o + 2 * b + 1];
  }
  goLeft[nb] = bestDefaultLeft ? 1 : 0;
  if (bestDefaultLeft) {
    sg += hist[o + 2 * nb];
    sh += hist[o + 2 * nb + 1];
  }
  return {
    gain: bestGain, feature: bestF, goLeft, bin: bestBin, defaultLeft: bestDefaultLeft, categorical: isCat,
    gl: sg, hl: sh, gr: G - sg, hr: H - sh,
  };
}
