import { describe, expect, it } from 'vitest';
import { makeTimeline } from '../timeline';
import { featureCount, planDesign, seasonalCount } from './design';
import { buildRows, fitMap, type MapFit, type Rows } from './fit';
import { resolveDecomposableParams, type DecomposableParams } from './params';
import { series, START_MS, weekly } from './synthetic';

/** Prophet's negative log posterior, written out plainly (no shared code with the fit). */
function negLogPosterior(rows: Rows, C: number, F: number, S: number, p: DecomposableParams, f: MapFit): number {
  const mult = p.seasonalityMode === 'multiplicative';
  let ssr = 0;
  for (let r = 0; r < rows.n; r++) {
    let g = f.k * rows.t[r] + f.m;
    for (let j = 0; j < C; j++) g += f.delta[j] * rows.ramps[r * C + j];
    let sm = 0, sa = 0;
    for (let j = 0; j < F; j++) {
      const v = rows.x[r * F + j] * f.beta[j];
      if (mult && j < S) sm += v;
      else sa += v;
    }
    ssr += (rows.y[r] - g * (1 + sm) - sa) ** 2;
  }
  const s = f.sigma;
  let prior = (f.k * f.k + f.m * f.m) / 50 + 2 * s * s;
  for (const d of f.delta) prior += Math.abs(d) / p.changepointPriorScale;
  f.beta.forEach((b, j) => (prior += (b * b) / (2 * (j < S ? p.seasonalityPriorScale : p.holidaysPriorScale) ** 2)));
  return ssr / (2 * s * s) + rows.n * Math.log(s) + prior;
}

function moved(f: MapFit, coordinate: number, step: number): MapFit {
  const v = [f.k, f.m, ...f.delta, ...f.beta, f.sigma];
  v[coordinate] += step;
  const C = f.delta.length;
  return { ...f, k: v[0], m: v[1], delta: v.slice(2, 2 + C), beta: v.slice(2 + C, v.length - 1), sigma: v[v.length - 1] };
}

describe('decomposable MAP fit', () => {
  it.each(['additive', 'multiplicative'] as const)('no single coordinate can lower the log posterior (%s)', (seasonalityMode) => {
    const n = 400;
    const events = Array.from({ length: n }, (_, i) => (i % 40 === 3 ? 'sale' : null));
    const y = series(n, (i) => (30 + 0.05 * i + (i > 250 ? 0.1 * (i - 250) : 0)) * (1 + 0.05 * weekly(i)) + (events[i] ? 6 : 0), 1, 21);
    const timeline = makeTimeline({ frequency: 'daily', start: START_MS, events });
    const params = resolveDecomposableParams({ seasonalityMode });
    const { design } = planDesign(y, timeline, [7, 30.4], params);
    const rows = buildRows(y, 60, design, timeline);
    const fit = fitMap(rows, design, params);
    const C = design.changepoints.length, F = featureCount(design), S = seasonalCount(design);
    const at = (f: MapFit) => negLogPosterior(rows, C, F, S, params, f);
    const best = at(fit);
    let zeros = 0;
    for (let q = 0; q < 2 + C + F + 1; q++) {
      for (const step of [1e-4, -1e-4, 1e-6, -1e-6]) {
        // A minimum: every move up, to second order (relative 1e-10 of the objective's size absorbs rounding).
        expect(at(moved(fit, q, step)) - best).toBeGreaterThan(-1e-10 * Math.abs(best));
      }
      if (q >= 2 && q < 2 + C && fit.delta[q - 2] === 0) zeros++;
    }
    // The Laplace prior leaves most candidate changes at exactly zero, but not the planted one.
    expect(zeros).toBeGreaterThan(C / 2);
    expect(zeros).toBeLessThan(C);
  });

  it('stops when asked, with the trend it had', () => {
    const y = series(100, (i) => i + weekly(i), 1, 22);
    const timeline = makeTimeline({ frequency: 'daily', start: START_MS });
    const params = resolveDecomposableParams({});
    const { design } = planDesign(y, timeline, [7], params);
    const progress: number[] = [];
    const stopped = fitMap(buildRows(y, 100, design, timeline), design, params, { shouldStop: () => true, onProgress: (f) => progress.push(f) });
    expect(stopped.iterations).toBe(0);
    expect(stopped.beta.every((b) => b === 0)).toBe(true);
    expect(progress).toEqual([1]);
    const full = fitMap(buildRows(y, 100, design, timeline), design, params, { onProgress: (f) => progress.push(f) });
    expect(full.iterations).toBeGreaterThan(0);
    expect(full.beta.some((b) => b !== 0)).toBe(true);
  });
});
