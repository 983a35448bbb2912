import { describe, expect, it } from 'vitest';
import { mfKernel } from './mf-kernel';
import { sgdEpoch } from './mf';
import { InteractionTrainer } from './mf-interaction';
import { lowRankRatings } from '../testing/recommend';
import { gaussian, mulberry32, range, shuffleInPlace } from '../split/prng';

function factors(nUsers: number, nItems: number, k: number, seed: number) {
  const rand = mulberry32(seed);
  const normal = (n: number) => Float32Array.from({ length: n }, () => 0.1 * gaussian(rand));
  return { mu: 0, bu: new Float64Array(nUsers), bi: new Float64Array(nItems), p: normal(nUsers * k), q: normal(nItems * k), y: null, interaction: null };
}

describe('mf WebAssembly kernel', () => {
  it('takes the same steps as the JavaScript loop, to float32 rounding, with a k that is not a multiple of 4', () => {
    const train = lowRankRatings({ users: 60, items: 40, rank: 3, perUser: 15, seed: 5 });
    const k = 7;
    const js = factors(train.users.length, train.items.length, k, 1);
    const wa = factors(train.users.length, train.items.length, k, 1);
    let mu = 0;
    for (const v of train.value) mu += v / train.value.length;
    js.mu = wa.mu = mu;
    const kernel = mfKernel(train, wa, k)!;
    expect(kernel).not.toBeNull();
    const order = range(train.user.length);
    const rand = mulberry32(3);
    for (let epoch = 0; epoch < 5; epoch++) {
      shuffleInPlace(order, rand);
      const a = sgdEpoch(train, order, js, k, 0.01, 0.02);
      const b = kernel.epoch(order, 0.01, 0.02, mu);
      expect(b).toBeCloseTo(a, 2);
    }
    kernel.readBack(wa);
    for (let i = 0; i < js.p.length; i++) expect(Math.abs(wa.p[i] - js.p[i])).toBeLessThan(1e-4);
    for (let i = 0; i < js.q.length; i++) expect(Math.abs(wa.q[i] - js.q[i])).toBeLessThan(1e-4);
    for (let u = 0; u < js.bu.length; u++) expect(Math.abs(wa.bu[u] - js.bu[u])).toBeLessThan(1e-4);
  });
});

describe('mf interaction model in WebAssembly', () => {
  it('takes the same logistic steps, with the same draws, as the JavaScript loop', () => {
    const train = lowRankRatings({ users: 50, items: 30, rank: 3, perUser: 10, seed: 9 });
    const settings = { dim: 6, negatives: 3, learningRate: 0.05, regularization: 0.01 };
    const js = new InteractionTrainer(train.users.length, train.items.length, settings, 4, 0.1, false);
    const wa = new InteractionTrainer(train.users.length, train.items.length, settings, 4, 0.1);
    const order = range(train.user.length);
    const rand = mulberry32(2);
    for (let epoch = 0; epoch < 4; epoch++) {
      shuffleInPlace(order, rand);
      expect(wa.epoch(train, order)).toBeCloseTo(js.epoch(train, order), 4);
    }
    wa.finish();
    for (let i = 0; i < js.f.p.length; i++) expect(Math.abs(wa.f.p[i] - js.f.p[i])).toBeLessThan(1e-4);
    for (let i = 0; i < js.f.q.length; i++) expect(Math.abs(wa.f.q[i] - js.f.q[i])).toBeLessThan(1e-4);
    for (let i = 0; i < js.f.bias.length; i++) expect(Math.abs(wa.f.bias[i] - js.f.bias[i])).toBeLessThan(1e-4);
  });
});
