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
  const minH = Math.max(minChildWeight, 1e-12);
  const parent = score(G, H, l2);
  let best: SplitInfo | null = null;
  let bestGain = Math.max(c.minSplitGain, 1e-12);
  for (let fi = 0; fi < nFeatures; fi++) {
    const f = features[fi];
    const o = mapper.offsets[f] * 2;
    const nb = mapper.nBins[f];
    const gm = hist[o + 2 * nb];
    const hm = hist[o + 2 * nb + 1];
    if (!mapper.categorical[f]) {
      let gl = 0, hl = 0;
      let fBest = -1, fGain = bestGain, fDefaultLeft = false;
      for (let b = 0; b < nb - 1; b++) {
        const gb = hist[o + 2 * b], hb = hist[o + 2 * b + 1];
        // An empty bin leaves both sides unchanged: same gains as the previous bin, which cannot win again.
        if (hb === 0 && gb === 0 && b > 0) continue;
        gl += gb;
        hl += hb;
        // Missing goes right.
        let hr = H - hl;
        if (hl >= minH && hr >= minH) {
          const gain = 0.5 * (score(gl, hl, l2) + score(G - gl, hr, l2) - parent);
          if (gain > fGain) {
            fGain = gain;
            fBest = b;
            // Without missing rows the default follows the heavier child.
            fDefaultLeft = hm === 0 && hl > hr;
          }
        }
        // Missing goes left.
        if (hm > 0) {
          const hl2 = hl + hm;
          hr = H - hl2;
          if (hl2 >= minH && hr >= minH) {
            const gain = 0.5 * (score(gl + gm, hl2, l2) + score(G - gl - gm, hr, l2) - parent);
            if (gain > fGain) {
              fGain = gain;
              fBest = b;
              fDefaultLeft = true;
            }
          }
        }
      }
      if (fBest >= 0) {
        const goLeft = new Uint8Array(nb + 1);
        let sg = 0, sh = 0;
        for (let b = 0; b <= fBest; b++) {
          goLeft[b] = 1;
          sg += hist[o + 2 * b];
          sh += hist[o + 2 * b + 1];
        }
        goLeft[nb] = fDefaultLeft ? 1 : 0;
        if (fDefaultLeft) {
          sg += gm;
          sh += hm;
        }
        bestGain = fGain;
        best = {
          gain: fGain, feature: f, goLeft, bin: fBest, defaultLeft: fDefaultLeft, categorical: false,
          gl: sg, hl: sh, gr: G - sg, hr: H - sh,
        };
      }
    } else {
      const cats: number[] = [];
      for (let b = 0; b < nb; b++) if (hist[o + 2 * b + 1] > 0) cats.push(b);
      if (cats.length < 2 && hm === 0) continue;
      cats.sort((a, b) => hist[o + 2 * a] / (hist[o + 2 * a + 1] + l2) - hist[o + 2 * b] / (hist[o + 2 * b + 1] + l2) || a - b);
      let gl = 0, hl = 0;
      let fBest = -1, fGain = bestGain, fDefaultLeft = false;
      // Prefix of k categories goes left; k = cats.length is only useful with missing rows on the right.
      for (let k = 0; k < cats.length; k++) {
        gl += hist[o + 2 * cats[k]];
        hl += hist[o + 2 * cats[k] + 1];
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
        const goLeft = new Uint8Array(nb + 1);
        let sg = 0, sh = 0;
        for (let k = 0; k <= fBest; k++) {
          goLeft[cats[k]] = 1;
          sg += hist[o + 2 * cats[k]];
          sh += hist[o + 2 * cats[k] + 1];
        }
        goLeft[nb] = fDefaultLeft ? 1 : 0;
        if (fDefaultLeft) {
          sg += gm;
          sh += hm;
        }
        bestGain = fGain;
        best = {
          gain: fGain, feature: f, goLeft, bin: -1, defaultLeft: fDefaultLeft, categorical: true,
          gl: sg, hl: sh, gr: G - sg, hr: H - sh,
        };
      }
    }
  }
  return best;
}
