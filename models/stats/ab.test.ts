import { describe, expect, it } from 'vitest';
import { correctedResampledT, mcnemar, pairedBootstrap, tQuantile975, verdict } from './ab';
import { binomialTwoSidedP, erfc, studentTwoSidedP } from './distributions';
import { mulberry32 } from '../split/prng';

function normal(rand: () => number): number {
  // Box–Muller
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const meanOf = (v: Float64Array, rows: Uint32Array) => {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += v[rows[i]];
  return s / rows.length;
};

describe('paired bootstrap', () => {
  it('covers the true difference at about the stated rate on simulated data', () => {
    const rand = mulberry32(7);
    const delta = 0.3;
    let covered = 0;
    const sims = 200;
    for (let s = 0; s < sims; s++) {
      const n = 200;
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const difficulty = normal(rand) * 3; // shared per row: pairing removes it
        a[i] = difficulty + normal(rand);
        b[i] = difficulty + delta + normal(rand);
      }
      const ci = pairedBootstrap(n, (rows) => ({ a: meanOf(a, rows), b: meanOf(b, rows) }), { resamples: 400, seed: s + 1 });
      if (ci.lo <= delta && delta <= ci.hi) covered++;
    }
    const rate = covered / sims;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.99);
  });

  it('is deterministic for a seed and centred on the observed difference', () => {
    const v = Float64Array.from({ length: 50 }, (_, i) => i);
    const f = (rows: Uint32Array) => ({ a: meanOf(v, rows), b: meanOf(v, rows) + 2 });
    const x = pairedBootstrap(50, f, { resamples: 200, seed: 3 });
    expect(x).toEqual(pairedBootstrap(50, f, { resamples: 200, seed: 3 }));
    expect(x.estimate).toBe(2);
    expect(x.lo).toBeCloseTo(2, 10);
    expect(x.hi).toBeCloseTo(2, 10);
  });

  describe('by cluster', () => {
    // 60 independent paired differences; each copied 5 times, as overlapping forecast windows repeat a time.
    const rand = mulberry32(11);
    const base = Array.from({ length: 60 }, () => 0.5 + normal(rand));
    const diffOf = (v: number[]) => (rows: Uint32Array) => ({ a: 0, b: meanOf(Float64Array.from(v), rows) });
    const width = (ci: { lo: number; hi: number }) => ci.hi - ci.lo;

    it('draws what the row bootstrap draws when every row is its own cluster', () => {
      const f = diffOf(base);
      const singles = Uint32Array.from(base, (_, i) => i);
      expect(pairedBootstrap(60, f, { resamples: 300, seed: 5, clusters: singles })).toEqual(pairedBootstrap(60, f, { resamples: 300, seed: 5 }));
    });

    it('keeps copies of one unit together, so copying the data does not narrow the interval', () => {
      const copied = base.flatMap((d) => [d, d, d, d, d]);
      const ids = Uint32Array.from(copied, (_, i) => Math.floor(i / 5));
      const original = width(pairedBootstrap(60, diffOf(base), { resamples: 2000, seed: 7 }));
      const byRow = width(pairedBootstrap(300, diffOf(copied), { resamples: 2000, seed: 7 }));
      const byCluster = width(pairedBootstrap(300, diffOf(copied), { resamples: 2000, seed: 7, clusters: ids }));
      // Rows one by one: about 1/sqrt(5) of the honest width.
      expect(byRow / original).toBeLessThan(0.55);
      expect(byCluster / original).toBeGreaterThan(0.85);
      expect(byCluster / original).toBeLessThan(1.15);
    });

    it('handles clusters of unequal sizes and rejects ids that are not whole numbers', () => {
      const v = [1, 2, 3, 4, 5, 6, 7];
      const ci = pairedBootstrap(7, diffOf(v), { resamples: 200, seed: 2, clusters: [0, 0, 0, 1, 2, 2, 3] });
      expect(ci.estimate).toBe(4);
      expect(ci.lo).toBeGreaterThanOrEqual(1);
      expect(ci.hi).toBeLessThanOrEqual(7);
      expect(() => pairedBootstrap(3, diffOf([1, 2, 3]), { clusters: [0, 1] })).toThrow(/cluster for each of the 3 rows/);
      expect(() => pairedBootstrap(2, diffOf([1, 2]), { clusters: [0, 0.5] })).toThrow(/row 1: 0.5/);
    });
  });
});

describe('McNemar', () => {
  const table = (onlyA: number, onlyB: number, both: number) => {
    const a: boolean[] = [];
    const b: boolean[] = [];
    for (let i = 0; i < onlyA; i++) a.push(true), b.push(false);
    for (let i = 0; i < onlyB; i++) a.push(false), b.push(true);
    for (let i = 0; i < both; i++) a.push(true), b.push(true);
    return [a, b] as const;
  };

  it('matches the hand-computed chi-square with continuity correction', () => {
    // (|10 − 25| − 1)² / 35 = 5.6; P(χ²₁ > 5.6) = 0.01796
    const r = mcnemar(...table(10, 25, 100));
    expect(r).toMatchObject({ onlyA: 10, onlyB: 25, exact: false });
    expect(r.statistic).toBeCloseTo(5.6, 10);
    expect(r.pValue).toBeCloseTo(0.01796, 4);
  });

  it('uses the exact binomial for few discordant pairs', () => {
    // 2 · (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 0.109375
    const r = mcnemar(...table(2, 8, 40));
    expect(r.exact).toBe(true);
    expect(r.pValue).toBeCloseTo(0.109375, 10);
  });
});

describe('corrected resampled t-test', () => {
  it('uses the Nadeau–Bengio variance', () => {
    const r = correctedResampledT([1, 2, 3, 4, 5], 0.25);
    // var = 2.5, se = sqrt((1/5 + 0.25) · 2.5) = 1.0607, t = 3 / 1.0607
    expect(r.t).toBeCloseTo(2.8284, 4);
    expect(r.df).toBe(4);
    expect(r.pValue).toBeGreaterThan(0.04);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.lo).toBeCloseTo(3 - 2.7764 * 1.06066, 3);
  });

  it('Student quantiles match the tables', () => {
    expect(tQuantile975(4)).toBeCloseTo(2.7764, 3);
    expect(tQuantile975(10)).toBeCloseTo(2.2281, 3);
    expect(studentTwoSidedP(0, 5)).toBeCloseTo(1, 10);
  });

  it('special functions agree with known values', () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(1)).toBeCloseTo(0.157299, 5);
    expect(binomialTwoSidedP(5, 10)).toBe(1);
  });
});

describe('verdicts', () => {
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  it('says which is better and by how much, in the metric direction', () => {
    expect(verdict('rmse', { estimate: -1600, lo: -2050, hi: -1200, level: 0.95 }, 500, fmt).text).toBe('B is better: RMSE lower by 1,200–2,050');
    expect(verdict('accuracy', { estimate: -0.02, lo: -0.03, hi: -0.01, level: 0.95 }, 0.005).verdict).toBe('a-better');
    expect(verdict('rmse', { estimate: 10, lo: -100, hi: 120, level: 0.95 }, 500, fmt)).toEqual({ verdict: 'equivalent', text: 'No meaningful difference: RMSE differs by less than 500' });
    expect(verdict('auc', { estimate: 0.01, lo: -0.01, hi: 0.03, level: 0.95 }, 0.005).verdict).toBe('inconclusive');
  });
});
