import { describe, expect, it } from 'vitest';
import { parseDim } from './space';
import { gridPoints, randomPoint, tpeSuggest, type Observation } from './samplers';
import { shouldStopEarly } from './median-stopping';
import { mulberry32 } from '../split/prng';

describe('search spaces', () => {
  it('parses ranges, log ranges and choices', () => {
    expect(parseDim('maxDepth=3..8')).toEqual({ name: 'maxDepth', kind: 'int', lo: 3, hi: 8, log: false });
    expect(parseDim('learningRate=0.01..0.3:log')).toEqual({ name: 'learningRate', kind: 'float', lo: 0.01, hi: 0.3, log: true });
    expect(parseDim('growth=depthwise|leafwise')).toEqual({ name: 'growth', kind: 'choice', choices: ['depthwise', 'leafwise'] });
    expect(() => parseDim('x=5..1')).toThrow(/lo < hi/);
    expect(() => parseDim('nonsense')).toThrow(/expected key=/);
  });

  it('grids evenly within the trial budget', () => {
    const pts = gridPoints([parseDim('a=0.0..1.0'), parseDim('b=x|y')], 8);
    expect(pts).toHaveLength(8);
    expect(new Set(pts.map((p) => p.a))).toEqual(new Set([0, 1 / 3, 2 / 3, 1]));
    expect(new Set(pts.map((p) => p.b))).toEqual(new Set(['x', 'y']));
  });

  it('samples within bounds, integers as integers, log ranges evenly in log space', () => {
    const rand = mulberry32(1);
    const dims = [parseDim('d=3..8'), parseDim('lr=0.001..1:log')];
    const pts = Array.from({ length: 2000 }, () => randomPoint(dims, rand));
    for (const p of pts) {
      expect(Number.isInteger(p.d)).toBe(true);
      expect(p.d).toBeGreaterThanOrEqual(3);
      expect(p.lr as number).toBeLessThanOrEqual(1);
    }
    const below01 = pts.filter((p) => (p.lr as number) < 0.01).length / pts.length;
    expect(below01).toBeGreaterThan(0.25);
    expect(below01).toBeLessThan(0.42);
  });
});

describe('TPE', () => {
  it('finds the minimum of a bowl faster than random search', () => {
    const dims = [parseDim('x=-5.0..5.0'), parseDim('y=-5.0..5.0')];
    const f = (p: Record<string, number | string>) => ((p.x as number) - 1.5) ** 2 + ((p.y as number) + 2) ** 2;
    let tpeWins = 0;
    for (let s = 0; s < 10; s++) {
      const history: Observation[] = [];
      for (let i = 0; i < 40; i++) {
        const p = tpeSuggest(dims, history, s * 1000 + i);
        history.push({ point: p, loss: f(p) });
      }
      const rand = mulberry32(s + 99);
      let bestRandom = Infinity;
      for (let i = 0; i < 40; i++) bestRandom = Math.min(bestRandom, f(randomPoint(dims, rand)));
      if (Math.min(...history.map((h) => h.loss)) < bestRandom) tpeWins++;
    }
    expect(tpeWins).toBeGreaterThanOrEqual(7);
  });
});

describe('median stopping', () => {
  const finished = [
    [1, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38, 0.36, 0.35, 0.34, 0.33, 0.32],
    [1, 0.85, 0.7, 0.6, 0.5, 0.45, 0.42, 0.4, 0.39, 0.38, 0.37, 0.36],
    [1, 0.9, 0.75, 0.65, 0.55, 0.5, 0.47, 0.45, 0.43, 0.42, 0.41, 0.4],
  ];
  it('stops a trial worse than the median at the same step', () => {
    expect(shouldStopEarly([1, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91, 0.9], finished)).toBe(true);
  });
  it('keeps a good trial, and waits for enough evidence', () => {
    expect(shouldStopEarly([1, 0.7, 0.5, 0.4, 0.35, 0.3, 0.28, 0.27, 0.26, 0.25, 0.24], finished)).toBe(false);
    expect(shouldStopEarly([1, 0.99, 0.98], finished)).toBe(false);
    expect(shouldStopEarly(Array(12).fill(1), finished.slice(0, 2))).toBe(false);
  });
});
