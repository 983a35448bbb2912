import { describe, expect, it } from 'vitest';
import { etsLikelihood } from './likelihood';
import { EtsScorer } from './scorer';
import { candidateSpecs, specName } from './spec';

describe('EtsScorer', () => {
  const y = Float64Array.from({ length: 120 }, (_, t) => (100 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) + 3 * Math.cos(t * 1.7));
  y[30] = NaN;
  y[31] = NaN;
  const params = { alpha: 0.35, beta: 0.05, gamma: 0.1, phi: 0.95 };

  it.each(candidateSpecs({ error: 'Z', trend: 'Z', season: 'Z' }, 12, true).map((s) => [specName(s), s] as const))(
    'gives the likelihood of the reference recursion: %s',
    (_name, spec) => {
      const season = Float64Array.from({ length: spec.season === 'N' ? 0 : 12 }, (_, j) =>
        spec.season === 'M' ? 1 + 0.2 * Math.sin((2 * Math.PI * j) / 12) : 20 * Math.sin((2 * Math.PI * j) / 12));
      const init = { level: 100, trend: 1, season };
      const p = { ...params, phi: spec.trend === 'Ad' ? params.phi : 1, beta: spec.trend === 'N' ? 0 : params.beta };
      const reference = etsLikelihood(y, spec, p, init)!;
      expect(new EtsScorer(spec, y, 12).loglik(p, init)).toBeCloseTo(reference.loglik, 8);
    },
  );

  it('is −Infinity where a multiplicative model meets a forecast ≤ 0', () => {
    const spec = { error: 'M', trend: 'A', season: 'N' } as const;
    expect(new EtsScorer(spec, y, 1).loglik({ ...params, phi: 1 }, { level: 1, trend: -5, season: new Float64Array(0) })).toBe(-Infinity);
  });
});
