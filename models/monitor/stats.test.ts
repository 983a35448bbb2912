import { describe, expect, it } from 'vitest';
import fixture from './fixtures/scipy.json';
import { benjaminiHochberg } from './bh';
import { chi2Homogeneity, chi2Sf } from './chi2';
import { jensenShannon, psi, wasserstein1 } from './distances';
import { kolmogorovSf } from './kolmogorov';
import { ksPValue, ksTest } from './ks';

const sorted = (a: number[]) => Float64Array.from(a).sort();

describe('statistics against scipy (fixtures/scipy_fixtures.py)', () => {
  it('two-sample KS: statistic and exact p-value as ks_2samp, ties included', () => {
    for (const c of fixture.ks) {
      const r = ksTest(sorted(c.a), sorted(c.b), 20_000_000);
      expect(r.method).toBe('exact');
      expect(r.statistic).toBeCloseTo(c.statistic, 12);
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(1e-10);
    }
  });

  it('exact KS p-values at window sizes (equal and unequal)', () => {
    for (const c of fixture.ksExact) {
      const r = ksPValue(c.d, c.n1, c.n2, 20_000_000);
      expect(r.method).toBe('exact');
      expect(r.statistic).toBeCloseTo(c.statistic, 12);
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(1e-9);
    }
  });

  it('the asymptotic tail follows scipy kstwo.sf (Pelz–Good in place of Pomeranz for n ≤ 140 and n·d² < 2.2)', () => {
    for (const c of fixture.kolmogorov) expect(Math.abs(kolmogorovSf(c.n, c.d) - c.sf)).toBeLessThan(c.n <= 140 && c.n * c.d * c.d < 2.2 ? 1e-5 : 1e-9);
  });

  it('Wasserstein-1 as scipy.stats.wasserstein_distance', () => {
    for (const c of fixture.ks) expect(wasserstein1(sorted(c.a), sorted(c.b))).toBeCloseTo(c.wasserstein, 12);
  });

  it('chi² homogeneity as chi2_contingency(correction=False) and the chi² tail as chi2.sf', () => {
    for (const c of fixture.chi2) {
      const r = chi2Homogeneity(c.ref, c.cur);
      expect(r.dof).toBe(c.dof);
      expect(r.statistic).toBeCloseTo(c.statistic, 9);
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(1e-12);
    }
    for (const c of fixture.chi2sf) expect(Math.abs(chi2Sf(c.x, c.dof) - c.sf) / c.sf).toBeLessThan(1e-9);
  });

  it('Jensen–Shannon distance as scipy jensenshannon(base=2)', () => {
    for (const c of fixture.js) expect(jensenShannon(c.p, c.q)).toBeCloseTo(c.distance, 12);
  });
});

describe('hand-computed values', () => {
  it('PSI of two share vectors, empty bins floored at epsilon', () => {
    // (0.3−0.2)·ln(0.3/0.2) + (0.2−0.3)·ln(0.2/0.3) + 0 = 0.2·ln 1.5
    expect(psi([20, 30, 50], [30, 20, 50], 1e-4)).toBeCloseTo(0.2 * Math.log(1.5), 12);
    // An empty current bin counts as 1e-4, not zero.
    expect(psi([50, 50], [100, 0], 1e-4)).toBeCloseTo(0.5 * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12);
  });

  it('Wasserstein-1 of point masses is the distance between them', () => {
    expect(wasserstein1(Float64Array.of(0), Float64Array.of(3))).toBe(3);
    expect(wasserstein1(Float64Array.of(0, 1), Float64Array.of(0, 1))).toBe(0);
  });

  it('identical samples: KS 0, p-value 1', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    expect(ksTest(a, a, 1e7)).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts the worked example as statsmodels fdr_bh', () => {
    // p sorted: 0.01, 0.02, 0.03, 0.04, 0.20 (m = 5) → 0.05, 0.05, 0.05, 0.05, 0.20,
    // each p·m/rank made monotone from the top; given out of order to check the mapping back.
    const adj = benjaminiHochberg([0.04, 0.2, 0.01, 0.03, 0.02]);
    [0.05, 0.2, 0.05, 0.05, 0.05].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
  });

  it('caps at 1 and leaves NaN out of the count', () => {
    // m = 2 (NaN excluded): 0.6·2/1 = 1.2 → min with 0.9·2/2 = 0.9.
    const adj = benjaminiHochberg([0.9, Number.NaN, 0.6]);
    expect(adj[0]).toBeCloseTo(0.9, 12);
    expect(adj[1]).toBeNaN();
    expect(adj[2]).toBeCloseTo(0.9, 12);
  });
});
