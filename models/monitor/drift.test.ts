import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../split/prng';
import { computeDrift, DriftInputError } from './drift';
import type { DriftColumn } from './types';

function normal(n: number, seed: number, shift = 0): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => gaussian(rand) + shift);
}

function categories(n: number, seed: number, shares: Record<string, number>): string[] {
  const rand = mulberry32(seed);
  const keys = Object.keys(shares);
  return Array.from({ length: n }, () => {
    let u = rand();
    for (const k of keys) if ((u -= shares[k]) < 0) return k;
    return keys[keys.length - 1];
  });
}

const num = (name: string, values: Float64Array): DriftColumn => ({ name, kind: 'numeric', values });
const cat = (name: string, values: (string | null)[]): DriftColumn => ({ name, kind: 'categorical', values });

describe('computeDrift', () => {
  it('a 0.01-sd shift on 1M rows is significant but not drifted (the effect-size gate)', () => {
    const n = 1_000_000;
    const report = computeDrift({ reference: [num('x', normal(n, 1))], current: [num('x', normal(n, 2, 0.01))] }, { maxRows: n });
    const x = report.features[0];
    expect(x.adjustedPValue).toBeLessThan(0.05);
    expect(x.effect.wasserstein!).toBeLessThan(0.1);
    expect(x.effect.psi!).toBeLessThan(0.1);
    expect(x.drifted).toBe(false);
    expect(x.severity).toBe('minor');
    expect(report.drifted).toBe(false);
    expect(x.method).toBe('asymptotic');
  });

  it('a 0.5-sd shift drifts and sorts first; an unchanged feature does not', () => {
    const report = computeDrift({
      reference: [num('same', normal(5000, 1)), num('moved', normal(5000, 2))],
      current: [num('same', normal(1000, 3)), num('moved', normal(1000, 4, 0.5))],
    });
    expect(report.features.map((f) => [f.name, f.drifted])).toEqual([['moved', true], ['same', false]]);
    expect(report.driftedShare).toBe(0.5);
    expect(report.features[0].effect.wasserstein!).toBeGreaterThan(0.4);
  });

  it('a new category at 10 % is detected, counted and listed', () => {
    const shares = { a: 0.5, b: 0.3, c: 0.2 };
    const ref = categories(5000, 1, shares);
    const cur = categories(1000, 2, shares).map((v, i) => (i % 10 === 0 ? 'z' : v));
    const report = computeDrift({ reference: [cat('colour', ref)], current: [cat('colour', cur)] });
    const f = report.features[0];
    expect(f.test).toBe('chi2');
    expect(f.effect.newCategoryShare).toBeCloseTo(0.1, 12);
    expect(f.quality.newCategories).toEqual(['z']);
    expect(f.quality.flags).toContain('newCategories');
    expect(f.drifted).toBe(true);
  });

  it('the same categories in the same shares do not drift', () => {
    const shares = { a: 0.5, b: 0.3, c: 0.2 };
    const report = computeDrift({ reference: [cat('c', categories(5000, 1, shares))], current: [cat('c', categories(1000, 2, shares))] });
    expect(report.features[0].drifted).toBe(false);
    expect(report.features[0].quality.flags).toEqual([]);
  });

  it('quality: a missing-rate jump and values outside the reference range are flagged without drift', () => {
    const ref = normal(4000, 1);
    const cur = normal(1000, 2);
    for (let i = 0; i < 100; i++) cur[i] = Number.NaN;
    cur[500] = 50;
    cur[501] = -50;
    const f = computeDrift({ reference: [num('x', ref)], current: [num('x', cur)] }, { outOfRangeShare: 0.001 }).features[0];
    expect(f.quality.missingJump).toBeCloseTo(0.1, 12);
    expect(f.quality.outOfRangeShare).toBeCloseTo(2 / 900, 12);
    expect(f.quality.flags).toEqual(['missing', 'range']);
    expect(f.severity).toBe('quality');
  });

  it('samples above maxRows with a seed, says so, and gives the same report twice', () => {
    const input = { reference: [num('x', normal(3000, 1))], current: [num('x', normal(2000, 2))] };
    const a = computeDrift(input, { maxRows: 1000 });
    expect(a.reference).toEqual({ label: 'reference', rows: 3000, compared: 1000, sampled: true });
    expect(a.features[0].n).toEqual({ reference: 1000, current: 1000 });
    expect(a.notes.join(' ')).toMatch(/1000 were sampled/);
    expect(computeDrift(input, { maxRows: 1000 })).toEqual(a);
  });

  it('names a missing column and a type mismatch', () => {
    expect(() => computeDrift({ reference: [num('age', normal(10, 1))], current: [num('height', normal(10, 1))] })).toThrow(/no column 'age'/);
    try {
      computeDrift({ reference: [num('age', normal(10, 1))], current: [cat('age', Array(10).fill('x'))] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DriftInputError);
      expect((e as DriftInputError).column).toBe('age');
      expect((e as Error).message).toMatch(/'age' is numeric in the reference but categorical/);
    }
  });

  it('prediction drift is reported on its own', () => {
    const report = computeDrift({
      reference: [num('x', normal(2000, 1))],
      current: [num('x', normal(1000, 2))],
      prediction: { reference: num('prediction', normal(2000, 3)), current: num('prediction', normal(1000, 4, 1)) },
    });
    expect(report.prediction?.drifted).toBe(true);
    expect(report.drifted).toBe(false);
  });
});
