import { describe, it, expect } from 'vitest';
import { computeEdges, fitBinMapper, binValue, binMatrix } from './binning';
import { mulberry32 } from '../split/prng';
import { sortFloat32 } from './radixSort';

describe('binning', () => {
  it('uses one bin per distinct value when few values exist', () => {
    const e = computeEdges(Float64Array.from([3, 1, 2, 2, NaN, 1]), 255);
    expect(Array.from(e)).toEqual([1.5, 2.5]);
  });

  it('caps the bin count and keeps bins roughly equal-frequency', () => {
    const rand = mulberry32(1);
    const v = Float64Array.from({ length: 10000 }, () => Math.fround(rand()));
    const e = computeEdges(v, 16);
    expect(e.length).toBeLessThanOrEqual(15);
    expect(e.length).toBeGreaterThanOrEqual(14);
    const counts = new Array(e.length + 1).fill(0);
    const X = Float32Array.from(v);
    const m = fitBinMapper(X, v.length, 1, 16);
    for (const x of v) counts[binValue(m, 0, x)]++;
    for (const c of counts) expect(c).toBeGreaterThan(300);
  });

  it('bin <= b holds exactly when x < edges[b] (float32 thresholds)', () => {
    const rand = mulberry32(2);
    // Adjacent float32 values stress the midpoint rounding guard.
    const base = Math.fround(1.1);
    const next = Math.fround(base + 2 ** -23);
    const vals = [base, next, ...Array.from({ length: 500 }, () => Math.fround(rand() * 100 - 50))];
    const X = Float32Array.from(vals);
    const m = fitBinMapper(X, vals.length, 1, 64);
    const edges = m.edges[0];
    for (const e of edges) expect(Math.fround(e)).toBe(e);
    for (const x of X) {
      const b = binValue(m, 0, x);
      for (let k = 0; k < edges.length; k++) expect(b <= k).toBe(x < edges[k]);
    }
    expect(binValue(m, 0, NaN)).toBe(m.nBins[0]);
  });

  it('bins categorical codes by code and stores columns contiguously', () => {
    const X = Float32Array.from([0, 5, 2, 1, NaN, 0.25, 1, 7]);
    const m = fitBinMapper(X, 4, 2, 255, [3, 0]);
    expect(m.categorical).toEqual([true, false]);
    const b = binMatrix(m, X, 4);
    expect(Array.from(b.subarray(0, 4))).toEqual([0, 2, m.nBins[0], 1]);
    expect(m.offsets[1]).toBe(4);
  });
});

describe('radix sort of float32 values', () => {
  it('sorts like TypedArray sort, dropping NaN and keeping -0 before +0', () => {
    const rand = mulberry32(9);
    const special = [0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45, 3.4e38, -3.4e38, 1, -1];
    const v = Float32Array.from([...special, ...Array.from({ length: 5000 }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6))]);
    const expected = Float64Array.from(v).filter((x) => !Number.isNaN(x)).sort();
    const got = sortFloat32(v, v.length);
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < got.length; i++) expect(Object.is(got[i], expected[i])).toBe(true);
  });
});
