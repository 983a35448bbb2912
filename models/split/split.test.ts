import { describe, it, expect } from 'vitest';
import { randomSplit, timeSplit, kFold } from './split';
import { mulberry32 } from './prng';

function union(a: Uint32Array, b: Uint32Array): number[] {
  return [...a, ...b].sort((x, y) => x - y);
}

describe('splits', () => {
  it('prng is deterministic per seed', () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const xa = [a(), a(), a()], xb = [b(), b(), b()], xc = [c(), c(), c()];
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    for (const v of xa) expect(v >= 0 && v < 1).toBe(true);
  });

  it('random split partitions rows and is reproducible', () => {
    const s1 = randomSplit(100, 0.2, 42);
    const s2 = randomSplit(100, 0.2, 42);
    const s3 = randomSplit(100, 0.2, 43);
    expect(s1.test.length).toBe(20);
    expect(union(s1.train, s1.test)).toEqual([...Array(100).keys()]);
    expect(Array.from(s1.test)).toEqual(Array.from(s2.test));
    expect(Array.from(s1.test)).not.toEqual(Array.from(s3.test));
  });

  it('stratified split keeps class ratios', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i < 180 ? 0 : 1));
    const s = randomSplit(200, 0.25, 1, labels);
    const pos = Array.from(s.test).filter((i) => labels[i] === 1).length;
    expect(pos).toBe(5);
    expect(s.test.length).toBe(50);
    expect(union(s.train, s.test)).toEqual([...Array(200).keys()]);
  });

  it('time split puts the latest rows in test', () => {
    const t = Float64Array.from([5, 1, 4, 2, 3, NaN]);
    const s = timeSplit(t, 1 / 3);
    expect(Array.from(s.test)).toEqual([2, 0]);
    expect(Array.from(s.train)).toEqual([5, 1, 3, 4]);
  });

  it('k-fold covers every row once', () => {
    const folds = kFold(23, 5, 3);
    expect(folds.length).toBe(5);
    const seen = new Array(23).fill(0);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(23);
      expect(union(f.train, f.test)).toEqual([...Array(23).keys()]);
    }
    expect(seen.every((c) => c === 1)).toBe(true);
    expect(kFold(23, 5, 3).map((f) => Array.from(f.test))).toEqual(folds.map((f) => Array.from(f.test)));
  });
});
