import { describe, expect, it } from 'vitest';
import { checkFloor, computeOutcomes, OutcomesInputError, wilson, windowStart } from './outcomes';

const ms = (iso: string) => Date.parse(iso);

describe('outcomes joined to predictions', () => {
  it('joins by key, counting outcomes without a prediction and predictions still waiting', () => {
    const r = computeOutcomes({
      task: 'regression',
      predictions: { keys: ['a', 'b', 'c', 'd'], values: [1, 2, 3, 4] },
      outcomes: { keys: ['b', 'c', 'd', 'e'], values: [2, 5, 4, 9] },
      window: 10,
    });
    expect(r.matched).toBe(3);
    expect(r.unmatchedOutcomes).toBe(1);
    expect(r.awaitingOutcome).toBe(1);
    // errors: b 0, c −2, d 0
    expect(r.overall.metrics.mae.value).toBeCloseTo(2 / 3, 12);
    expect(r.overall.metrics.rmse.value).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(r.overall.metrics.bias.value).toBeCloseTo(-2 / 3, 12);
    expect(r.notes.join(' ')).toMatch(/1 outcome\(s\) have no prediction/);
  });

  it('takes the latest prediction of a repeated key and says so', () => {
    const r = computeOutcomes({
      task: 'classification',
      predictions: { keys: ['1', '1', '2'], values: ['no', 'yes', 'no'] },
      outcomes: { keys: ['1', '2'], values: ['yes', 'yes'] },
      window: 5,
    });
    expect(r.overall.metrics.accuracy.value).toBe(0.5);
    expect(r.notes.join(' ')).toMatch(/more than once/);
  });

  it('groups by UTC day and by weeks that start on Monday', () => {
    const times = ['2024-03-04T09:00:00Z', '2024-03-10T23:59:00Z', '2024-03-11T00:00:00Z', '2024-03-11T12:00:00Z'].map(ms);
    const input = {
      task: 'classification' as const,
      predictions: { keys: ['a', 'b', 'c', 'd'], values: ['x', 'x', 'x', 'y'] },
      outcomes: { keys: ['a', 'b', 'c', 'd'], values: ['x', 'y', 'x', 'x'], time: Float64Array.from(times) },
    };
    const weeks = computeOutcomes({ ...input, window: 'week' }).windows;
    expect(weeks.map((w) => [w.label, w.n, w.metrics.accuracy.value])).toEqual([
      ['week of 2024-03-04', 2, 0.5],
      ['week of 2024-03-11', 2, 0.5],
    ]);
    const days = computeOutcomes({ ...input, window: 'day' }).windows;
    expect(days.map((w) => w.label)).toEqual(['2024-03-04', '2024-03-10', '2024-03-11']);
    expect(days[2].end! - days[2].start!).toBe(86_400_000);
    expect(windowStart(ms('2024-03-17T10:00:00Z'), 'week')).toBe(ms('2024-03-11T00:00:00Z'));
  });

  it('cuts every N rows in time order, the last window holding the rest', () => {
    const n = 7;
    const r = computeOutcomes({
      task: 'regression',
      predictions: { keys: Array.from({ length: n }, (_, i) => `k${i}`), values: Array.from({ length: n }, () => 0) },
      // Listed newest first: the windows follow time, not the file's order.
      outcomes: { keys: Array.from({ length: n }, (_, i) => `k${n - 1 - i}`), values: Array.from({ length: n }, (_, i) => n - 1 - i), time: Float64Array.from({ length: n }, (_, i) => 1000 * (n - i)) },
      window: 3,
    });
    expect(r.windows.map((w) => w.n)).toEqual([3, 3, 1]);
    expect(r.windows[0].label).toBe('rows 1–3');
    // The earliest three are k0, k1, k2 (actual 0, 1, 2, predicted 0); the file's first three would give 5.
    expect(r.windows[0].metrics.mae.value).toBeCloseTo(1, 12);
    expect(r.windows[2].metrics.mae.lower).toBeNull();
  });

  it('gives intervals that contain the value and narrow as windows grow', () => {
    expect(wilson(50, 100).lower).toBeCloseTo(0.4038, 4);
    expect(wilson(50, 100).upper).toBeCloseTo(0.5962, 4);
    const w0 = wilson(0, 20);
    expect(w0.lower).toBe(0);
    expect(w0.upper!).toBeGreaterThan(0.1);
    const errors = (n: number) => computeOutcomes({
      task: 'regression',
      predictions: { keys: Array.from({ length: n }, (_, i) => String(i)), values: Array.from({ length: n }, (_, i) => (i % 5) - 2) },
      outcomes: { keys: Array.from({ length: n }, (_, i) => String(i)), values: Array.from({ length: n }, () => 0) },
      window: n,
    }).overall.metrics.mae;
    const small = errors(20);
    const big = errors(2000);
    expect(small.lower!).toBeLessThan(small.value);
    expect(small.upper!).toBeGreaterThan(small.value);
    expect(big.upper! - big.lower!).toBeLessThan((small.upper! - small.lower!) / 5);
  });

  it('names what is wrong: no shared keys, no time for day windows, text outcomes of a regression', () => {
    const base = { task: 'regression' as const, predictions: { keys: ['a'], values: [1] } };
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as OutcomesInputError).field;
      }
      return null;
    };
    expect(fieldOf(() => computeOutcomes({ ...base, outcomes: { keys: ['z'], values: [1] }, window: 5 }))).toBe('key');
    expect(fieldOf(() => computeOutcomes({ ...base, outcomes: { keys: ['a'], values: [1] }, window: 'day' }))).toBe('time');
    expect(fieldOf(() => computeOutcomes({ ...base, outcomes: { keys: ['a'], values: ['high'] }, window: 5 }))).toBe('actual');
  });
});

describe('metric floor', () => {
  const windows = [
    { label: 'w1', start: null, end: null, n: 400, metrics: { accuracy: wilson(360, 400) } },
    { label: 'w2', start: null, end: null, n: 400, metrics: { accuracy: wilson(280, 400) } },
  ];
  it('judges the latest window, and says whether its interval clears the floor', () => {
    const c = checkFloor(windows, 'accuracy', false, 0.8);
    expect(c.breached).toBe(true);
    expect(c.confident).toBe(true);
    expect(c.value).toBe(0.7);
    expect(c.reason).toMatch(/below the floor 0.8/);
    const near = checkFloor(windows, 'accuracy', false, 0.72);
    expect(near.breached).toBe(true);
    expect(near.confident).toBe(false);
    expect(checkFloor(windows, 'accuracy', false, 0.6).breached).toBe(false);
    expect(checkFloor([], 'accuracy', false, 0.6).breached).toBe(false);
  });
});
