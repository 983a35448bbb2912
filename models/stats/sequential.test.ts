import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../split/prng';
import { PairedMsprt } from './sequential';

const opts = { margin: 0, alpha: 0.05, tau: 0.03, minN: 30 };

/** Paired correctness of two classifiers of accuracy `accStable` / `accCand` that agree on a share `agree` of rows. */
function pairs(seed: number, n: number, accStable: number, drop: number, agree = 0.9): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = rand() < accStable ? 1 : 0;
    let c = rand() < agree ? s : rand() < accStable ? 1 : 0;
    // The drop: a correct candidate answer turned wrong with probability drop / accuracy, so accuracy falls by `drop`.
    if (c === 1 && rand() < drop / accStable) c = 0;
    out.push(c - s);
  }
  return out;
}

function firstRejection(ds: number[], o = opts): number | null {
  const t = new PairedMsprt(o);
  for (const [i, d] of ds.entries()) if (t.push(d).rejected) return i + 1;
  return null;
}

describe('PairedMsprt', () => {
  it('matches the closed form of the mixture likelihood ratio', () => {
    const t = new PairedMsprt({ margin: 0.01, alpha: 0.05, tau: 0.1, minN: 2 });
    const xs = [-0.5, 0.1, -0.3, -0.2, 0.0, -0.4];
    for (const x of xs) t.push(x);
    const n = xs.length, mean = xs.reduce((a, b) => a + b) / n;
    const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
    const gap = mean + 0.01, t2 = 0.01;
    const lr = Math.sqrt(v / (v + n * t2)) * Math.exp((n * n * t2 * gap * gap) / (2 * v * (v + n * t2)));
    expect(t.state().lr).toBeCloseTo(lr, 10);
    expect(t.state().mean).toBeCloseTo(mean, 12);
  });

  it('never rejects while the candidate is better than the margin allows', () => {
    expect(firstRejection(pairs(3, 5000, 0.85, -0.02))).toBeNull();
  });

  it('the p-value only falls, and rejection is final', () => {
    const t = new PairedMsprt(opts);
    let last = 1;
    let rejectedAt = -1;
    for (const [i, d] of pairs(9, 2000, 0.85, 0.05).entries()) {
      const s = t.push(d);
      expect(s.p).toBeLessThanOrEqual(last);
      last = s.p;
      if (s.rejected && rejectedAt < 0) rejectedAt = i;
      if (rejectedAt >= 0) expect(s.rejected).toBe(true);
    }
    expect(rejectedAt).toBeGreaterThanOrEqual(opts.minN - 1);
  });

  it('finds a 3-point accuracy drop injected into a copy of the stable model within 500 outcomes in at least 90 of 100 seeds', () => {
    const found = Array.from({ length: 100 }, (_, s) => firstRejection(pairs(1000 + s, 500, 0.85, 0.03, 1))).filter((r) => r !== null).length;
    expect(found).toBeGreaterThanOrEqual(90);
  });

  it('rejects equal models in at most 5 % of 400 seeds over 3,000 outcomes each (looking after every one)', () => {
    const falses = Array.from({ length: 400 }, (_, s) => firstRejection(pairs(s + 1, 3000, 0.85, 0))).filter((r) => r !== null).length;
    expect(falses / 400).toBeLessThanOrEqual(0.05);
  });

  it('holds its level for a continuous metric too (negated absolute errors of two equally good regressors)', () => {
    let falses = 0;
    for (let s = 0; s < 200; s++) {
      const rand = mulberry32(77 + s);
      const t = new PairedMsprt({ margin: 0, alpha: 0.05, tau: 0.1, minN: 30 });
      for (let i = 0; i < 2000; i++) {
        const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
        if (t.push(-Math.abs(gauss()) + Math.abs(gauss())).rejected) {
          falses++;
          break;
        }
      }
    }
    expect(falses / 200).toBeLessThanOrEqual(0.05);
  });
});
