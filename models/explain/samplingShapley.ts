/**
 * Model-agnostic Shapley values by permutation sampling (Štrumbelj & Kononenko 2014) over the
 * input columns. Each sample draws a permutation of the columns and one background row z, then
 * walks from z to the explained row x, switching one column at a time to x's value in
 * permutation order; the output change at each switch is that column's marginal contribution.
 * Samples come in antithetic pairs (a permutation and its reverse, same z), which cancels much
 * of the order noise. All perturbed rows of one explained row go to the model in one batch.
 *
 * The estimate adds up to f(x) - mean_s f(z_s), not f(x) - base (base = mean over the whole
 * background sample); that residual is spread over the columns in proportion to |phi| so
 * efficiency holds exactly (see closeEfficiencyGap).
 */
import { Column, Frame, takeColumn } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { mulberry32, range, shuffleInPlace } from '../split/prng';
import { blankLike, featureColumnsOf } from './frameRows';
import { openPredictor } from './predictor';
import { closeEfficiencyGap } from './efficiency';
import { explainMethodOf } from './methodOf';
import type { Explanation } from './types';

export const DEFAULT_SAMPLES = 64;
export const MAX_BACKGROUND = 100;

export interface SamplingOptions {
  samples?: number;
  seed?: number;
}

/** Up to MAX_BACKGROUND rows, drawn with the seed when the frame is larger. */
function backgroundSample(background: Frame, seed: number): Uint32Array {
  if (background.rowCount <= MAX_BACKGROUND) return range(background.rowCount);
  return shuffleInPlace(range(background.rowCount), mulberry32(seed ^ 0xbac6)).slice(0, MAX_BACKGROUND).sort();
}

/** A per-row stream, so a row's attributions depend only on the seed and its index. */
function rowRandom(seed: number, row: number): () => number {
  return mulberry32((seed ^ Math.imul(row + 1, 0x9e3779b1)) >>> 0);
}

export function samplingShapley(artifact: ModelArtifact, frame: Frame, background: Frame, opts: SamplingOptions = {}): Explanation {
  const samples = opts.samples ?? DEFAULT_SAMPLES;
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(samples) || samples < 1) throw new Error('explain: samples must be a positive integer');
  if (background.rowCount === 0) throw new Error('explain: the background frame has no rows');
  const columns = artifact.features.slice();
  const C = columns.length;
  const xCols = featureColumnsOf(frame, columns);
  const bgRows = backgroundSample(background, seed);
  const bgCols = featureColumnsOf(background, columns);
  const B = bgRows.length;
  const predictor = openPredictor(artifact);
  const K = predictor.outputs;
  try {
    const base = new Float64Array(K);
    const bgOut = predictor.predict({ columns: bgCols.map((c) => takeColumn(c, bgRows)), rowCount: B });
    for (let i = 0; i < B; i++) for (let k = 0; k < K; k++) base[k] += bgOut[i * K + k] / B;

    const rows = frame.rowCount;
    const values = new Float64Array(rows * K * C);
    const fx = new Float64Array(rows * K);
    const N = samples * C + 1; // C steps per sample (z plus C - 1 mixes), then x itself once
    const perm = new Int32Array(samples * C);
    const pos = new Int32Array(samples * C);
    const z = new Uint32Array(samples);
    const batch: Column[] = bgCols.map((c) => blankLike(c, N));
    for (let r = 0; r < rows; r++) {
      const rand = rowRandom(seed, r);
      for (let s = 0; s < samples; s++) {
        const p = perm.subarray(s * C, (s + 1) * C);
        if (s % 2 === 1) {
          for (let j = 0; j < C; j++) p[j] = perm[(s - 1) * C + C - 1 - j];
          z[s] = z[s - 1];
        } else {
          p.set(shuffleInPlace(Int32Array.from(range(C)), rand));
          z[s] = bgRows[Math.floor(rand() * B)];
        }
        for (let j = 0; j < C; j++) pos[s * C + p[j]] = j;
      }
      for (let c = 0; c < C; c++) {
        // Same storage as the source column by construction (blankLike).
        const out = batch[c].values as unknown as (number | string | null)[], xv = xCols[c].values[r], bv = bgCols[c].values;
        for (let s = 0; s < samples; s++) {
          const pc = pos[s * C + c], zv = bv[z[s]];
          // Step j holds x in the columns placed before position j of the permutation.
          for (let j = 0; j < C; j++) out[s * C + j] = pc < j ? xv : zv;
        }
        out[N - 1] = xv;
      }
      const f = predictor.predict({ columns: batch, rowCount: N });
      for (let k = 0; k < K; k++) fx[r * K + k] = f[(N - 1) * K + k];
      for (let s = 0; s < samples; s++) {
        for (let j = 0; j < C; j++) {
          const from = s * C + j, to = j + 1 < C ? from + 1 : N - 1;
          const o = (r * K) * C + perm[s * C + j];
          for (let k = 0; k < K; k++) values[o + k * C] += (f[to * K + k] - f[from * K + k]) / samples;
        }
      }
    }
    closeEfficiencyGap(values, base, fx, rows, K, C);
    return { method: 'sampling-shapley', space: explainMethodOf(artifact).space, columns, outputs: K, base, values, rows };
  } finally {
    predictor.dispose();
  }
}
