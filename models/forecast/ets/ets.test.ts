import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ForecastInputError } from '../errors';
import { zForLevel } from '../normal';
import { estimateEts } from './estimate';
import { etsFamily, fitEts } from './family';
import { classOneVariance, simulatePaths } from './intervals';
import { etsLikelihood } from './likelihood';
import type { EtsParams } from './recursion';
import type { EtsSpec } from './spec';
import { simulateEts } from './testing';

const spec = (error: EtsSpec['error'], trend: EtsSpec['trend'], season: EtsSpec['season']): EtsSpec => ({ error, trend, season });
const params = (p: Partial<EtsParams>): EtsParams => ({ alpha: 0.3, beta: 0, gamma: 0, phi: 1, ...p });
const season4 = Float64Array.from([-6, 2, 8, -4]);

function airline(): Float64Array {
  const file = path.resolve(import.meta.dirname, '../../../resources/samples/airline_passengers/airline-passengers.csv');
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return Float64Array.from(rows, (r) => Number(r.split(',')[1]));
}

describe('ETS estimation recovers the parameters of simulated series', () => {
  // 800 values each. Over 20 seeds the estimates' rms errors were about 0.03 for α, 0.01 for β and 0.02 for γ;
  // the tolerances are three times that.
  const tol = { alpha: 0.1, beta: 0.04, gamma: 0.07 };
  it.each([
    ['A,N,N', spec('A', 'N', 'N'), params({ alpha: 0.3 }), { level: 50, trend: 0, season: new Float64Array(0) }, 1],
    ['A,A,N', spec('A', 'A', 'N'), params({ alpha: 0.4, beta: 0.1 }), { level: 50, trend: 0.5, season: new Float64Array(0) }, 1],
    ['A,A,A', spec('A', 'A', 'A'), params({ alpha: 0.3, beta: 0.05, gamma: 0.2 }), { level: 100, trend: 0.2, season: season4 }, 4],
    ['M,N,M', spec('M', 'N', 'M'), params({ alpha: 0.25, gamma: 0.15 }), { level: 100, trend: 0, season: Float64Array.from([0.8, 1.1, 1.3, 0.8]) }, 4],
  ])('ETS(%s)', (_name, s, truth, start, m) => {
    const sigma = s.error === 'M' ? 0.03 : 1;
    const y = simulateEts(s, truth, start, sigma, 800, 7);
    const fit = estimateEts(y, s, m)!;
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(tol.alpha);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(tol.beta);
    expect(Math.abs(fit.params.gamma - truth.gamma)).toBeLessThan(tol.gamma);
    expect(Math.sqrt(fit.sigma2) / sigma).toBeGreaterThan(0.9);
    expect(Math.sqrt(fit.sigma2) / sigma).toBeLessThan(1.1);
  });
});

describe('ETS model selection', () => {
  it('chooses ETS(M,A,M) by AICc for the airline series before 1958, as statsmodels does', () => {
    const model = fitEts(airline().subarray(0, 108), { seasonalPeriod: 12 });
    expect(model.describe()).toBe('ETS(M,A,M)');
    expect(model.s.candidates).toHaveLength(15);
    const k = 1 + 1 + 1 + 1 + 1 + 11 + 1; // α, β, γ, l0, b0, 11 free seasonal states, σ
    expect(model.s.aicc).toBeCloseTo(-2 * model.s.loglik + 2 * k + (2 * k * (k + 1)) / (108 - k - 1), 8);
  });

  it('leaves out multiplicative models for data that is not strictly positive, and seasons for period 1', () => {
    const y = simulateEts(spec('A', 'N', 'N'), params({ alpha: 0.5 }), { level: 0, trend: 0, season: new Float64Array(0) }, 1, 60, 3);
    const model = fitEts(y, { seasonalPeriod: 1 });
    expect(model.s.candidates.map((c) => c.model)).toEqual(['ETS(A,N,N)', 'ETS(A,A,N)', 'ETS(A,Ad,N)']);
  });

  it('names the field of a bad request', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => t - 5);
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ForecastInputError);
        return (e as ForecastInputError).field;
      }
      return null;
    };
    expect(field(() => fitEts(y, { model: 'XYZ' }))).toBe('model');
    expect(field(() => fitEts(y, { model: 'MNN' }))).toBe('model');
    expect(field(() => fitEts(y, { model: 'ANA', seasonalPeriod: 1 }))).toBe('seasonalPeriod');
    expect(field(() => fitEts(y, { seasonalPeriod: 1.5 }))).toBe('seasonalPeriod');
  });
});

describe('ETS forecasts', () => {
  it('class-1 variances match the closed forms of Hyndman et al. (2008), Table 6.1', () => {
    const h = 10, s2 = 2;
    const ann = classOneVariance(spec('A', 'N', 'N'), params({ alpha: 0.3 }), 1, s2, h);
    const aan = classOneVariance(spec('A', 'A', 'N'), params({ alpha: 0.3, beta: 0.1 }), 1, s2, h);
    const ana = classOneVariance(spec('A', 'N', 'A'), params({ alpha: 0.3, gamma: 0.2 }), 4, s2, h);
    for (let step = 1; step <= h; step++) {
      expect(ann[step - 1]).toBeCloseTo(s2 * (1 + 0.09 * (step - 1)), 10);
      const a = 0.3, b = 0.1, g = 0.2;
      expect(aan[step - 1]).toBeCloseTo(s2 * (1 + (step - 1) * (a * a + a * b * step + (b * b * step * (2 * step - 1)) / 6)), 10);
      const k = Math.floor((step - 1) / 4);
      expect(ana[step - 1]).toBeCloseTo(s2 * (1 + a * a * (step - 1) + g * k * (2 * a + g)), 10);
    }
  });

  it('simulated paths of an additive model reproduce the analytic variance', () => {
    const s = spec('A', 'Ad', 'A');
    const p = params({ alpha: 0.4, beta: 0.1, gamma: 0.2, phi: 0.9 });
    const state = { level: 10, trend: 1, season: season4 };
    const paths = 20000, h = 8;
    const sim = simulatePaths(s, p, state, 1, h, paths, 11);
    const v = classOneVariance(s, p, 4, 1, h);
    for (const j of [0, 3, 7]) {
      let m1 = 0, m2 = 0;
      for (let i = 0; i < paths; i++) {
        m1 += sim[i * h + j];
        m2 += sim[i * h + j] ** 2;
      }
      const variance = m2 / paths - (m1 / paths) ** 2;
      expect(variance / v[j]).toBeGreaterThan(0.95);
      expect(variance / v[j]).toBeLessThan(1.05);
    }
  });

  it('update moves the state as running the recursion over all the data would, without refitting', () => {
    const y = airline();
    const model = fitEts(y.subarray(0, 100), { seasonalPeriod: 12, model: 'MAM' });
    const updated = model.update(y.subarray(100, 120));
    const s = model.s;
    const direct = etsLikelihood(y.subarray(100, 120), s.spec, s.params, { ...s.state, season: Float64Array.from(s.state.season) })!;
    expect(updated.s.state.level).toBeCloseTo(direct.final.level, 10);
    expect(updated.s.params).toEqual(s.params);
    expect(updated.forecast(3, []).mean[0]).not.toBe(model.forecast(3, []).mean[0]);
  });

  it('round-trips through JSON with identical (seeded) simulated intervals', () => {
    const model = fitEts(airline().subarray(0, 108), { seasonalPeriod: 12, model: 'MAM', seed: 5 });
    const back = etsFamily.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.forecast(12, [80, 95])).toEqual(model.forecast(12, [80, 95]));
    const fc = model.forecast(12, [80, 95]);
    for (let j = 0; j < 12; j++) {
      expect(fc.lower[95][j]).toBeLessThan(fc.lower[80][j]);
      expect(fc.upper[95][j]).toBeGreaterThan(fc.upper[80][j]);
    }
  });

  it('tolerates missing values: the state moves on as forecast', () => {
    const y = simulateEts(spec('A', 'N', 'N'), params({ alpha: 0.3 }), { level: 10, trend: 0, season: new Float64Array(0) }, 1, 100, 5);
    y[40] = NaN;
    y[41] = NaN;
    const model = fitEts(y, { model: 'ANN' });
    expect(model.s.n).toBe(98);
    expect(Number.isFinite(model.forecast(1).mean[0])).toBe(true);
  });
});

describe('ETS prediction intervals cover at their level on simulated series', () => {
  /** Pools coverage over `series` simulated futures of `h` steps, each forecast from a model fitted on its past. */
  function coverage(s: EtsSpec, truth: EtsParams, sigma: number, series: number, n: number, h: number) {
    const inside: Record<number, number> = { 80: 0, 95: 0 };
    for (let i = 0; i < series; i++) {
      const y = simulateEts(s, truth, { level: 100, trend: 0, season: new Float64Array(0) }, sigma, n + h, 1000 + i);
      const fc = fitEts(y.subarray(0, n), { model: `${s.error}${s.trend}${s.season}`, seed: i }).forecast(h, [80, 95]);
      for (let j = 0; j < h; j++) for (const l of [80, 95]) if (y[n + j] >= fc.lower[l][j] && y[n + j] <= fc.upper[l][j]) inside[l]++;
    }
    return { 80: (100 * inside[80]) / (series * h), 95: (100 * inside[95]) / (series * h) };
  }

  it('analytic intervals, ETS(A,N,N): 300 series', () => {
    const c = coverage(spec('A', 'N', 'N'), params({ alpha: 0.3 }), 2, 300, 80, 6);
    expect(Math.abs(c[80] - 80)).toBeLessThan(3);
    expect(Math.abs(c[95] - 95)).toBeLessThan(3);
  });

  it('simulated intervals, ETS(M,N,N): 200 series', () => {
    const c = coverage(spec('M', 'N', 'N'), params({ alpha: 0.3 }), 0.05, 200, 80, 6);
    expect(Math.abs(c[80] - 80)).toBeLessThan(3);
    expect(Math.abs(c[95] - 95)).toBeLessThan(3);
  });

  it('zForLevel is the normal quantile', () => {
    expect(zForLevel(95)).toBeCloseTo(1.959964, 5);
    expect(zForLevel(80)).toBeCloseTo(1.281552, 5);
  });
});

describe('ETS parameters from the model schema', () => {
  const y = airline().subarray(0, 108);

  it("'auto' everywhere (the schema default) searches the whole admissible set", () => {
    expect(fitEts(y, { seasonalPeriod: 12, params: {} }).s.candidates).toHaveLength(15);
    expect(fitEts(y, { seasonalPeriod: 12, params: { error: 'auto', trend: 'auto', season: 'auto' } }).s.candidates).toHaveLength(15);
  });

  it('a fixed type restricts the search to it; the others are still chosen by AICc', () => {
    const noTrend = fitEts(y, { seasonalPeriod: 12, params: { trend: 'N' } });
    expect(noTrend.s.candidates.map((c) => c.model)).toEqual(['ETS(A,N,N)', 'ETS(A,N,A)', 'ETS(M,N,N)', 'ETS(M,N,A)', 'ETS(M,N,M)']);
    expect(noTrend.s.spec.trend).toBe('N');
    const one = fitEts(y, { seasonalPeriod: 12, params: { error: 'A', trend: 'Ad', season: 'A' } });
    expect(one.describe()).toBe('ETS(A,Ad,A)');
    expect(one.s.candidates).toHaveLength(1);
  });

  it('names the parameter at fault', () => {
    expect(() => fitEts(y, { seasonalPeriod: 12, params: { trend: 'M' } })).toThrow(expect.objectContaining({ field: 'params.trend' }));
    expect(() => fitEts(y, { seasonalPeriod: 1, params: { season: 'A' } })).toThrow(expect.objectContaining({ field: 'seasonalPeriod' }));
    const negative = y.map((v) => v - 200);
    expect(() => fitEts(negative, { seasonalPeriod: 12, params: { season: 'M' } })).toThrow(expect.objectContaining({ field: 'model' }));
    expect(() => fitEts(y, { seasonalPeriod: 12, params: { error: 'A', season: 'M' } })).toThrow(expect.objectContaining({ field: 'model' }));
  });
});
