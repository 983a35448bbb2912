import { describe, expect, it } from 'vitest';
import { makeSchedule } from './schedule';

describe('learning-rate schedules', () => {
  it('constant', () => {
    const s = makeSchedule({ kind: 'constant' }, 0.01, 100);
    expect([0, 50, 99].map(s)).toEqual([0.01, 0.01, 0.01]);
  });

  it('cosine: linear warmup, peak, half-way and the floor', () => {
    // 10 warmup steps of 110: lr = 0.1·t/10 up to t = 10, then 0.1·½(1 + cos(π(t − 10)/100)).
    const s = makeSchedule({ kind: 'cosine', warmupSteps: 10 }, 0.1, 110);
    expect(s(0)).toBe(0);
    expect(s(5)).toBeCloseTo(0.05, 12);
    expect(s(10)).toBeCloseTo(0.1, 12);
    expect(s(35)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
    expect(s(60)).toBeCloseTo(0.05, 12);
    expect(s(110)).toBeCloseTo(0, 12);
    const floor = makeSchedule({ kind: 'cosine', minLr: 0.01 }, 0.1, 100);
    expect(floor(0)).toBeCloseTo(0.1, 12);
    expect(floor(50)).toBeCloseTo(0.055, 12);
    expect(floor(100)).toBeCloseTo(0.01, 12);
  });

  it('one-cycle (cosine) at the points torch.optim.lr_scheduler.OneCycleLR gives, 100 steps, max 0.1', () => {
    // Start 0.1/25 = 0.004, peak at step 0.3·100 − 1 = 29, floor 0.004/1e4 = 4e-7 at step 99.
    const s = makeSchedule({ kind: 'oneCycle' }, 0.1, 100);
    expect(s(0)).toBeCloseTo(0.004, 12);
    expect(s(10)).toBeCloseTo(0.029516394846410082, 12);
    expect(s(29)).toBeCloseTo(0.1, 12);
    expect(s(50)).toBeCloseTo(0.0793893450575732, 12);
    expect(s(99)).toBeCloseTo(4e-7, 12);
  });

  it('one-cycle (linear): 0.004 + 0.096·10/29 at step 10, 0.1 + (4e-7 − 0.1)·0.3 at step 50', () => {
    const s = makeSchedule({ kind: 'oneCycle', anneal: 'linear' }, 0.1, 100);
    expect(s(10)).toBeCloseTo(0.037103448275862067, 12);
    expect(s(50)).toBeCloseTo(0.07000012, 12);
    expect(s(99)).toBeCloseTo(4e-7, 12);
  });

  it('refuses settings that make no schedule', () => {
    expect(() => makeSchedule({ kind: 'cosine', warmupSteps: 100 }, 0.1, 100)).toThrow(/warmupSteps/);
    expect(() => makeSchedule({ kind: 'oneCycle', pctStart: 1 }, 0.1, 100)).toThrow(/pctStart/);
    expect(() => makeSchedule({ kind: 'constant' }, 0, 100)).toThrow(/positive/);
  });
});
