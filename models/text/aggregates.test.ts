import { describe, expect, it } from 'vitest';
import { bootstrapMean, bucketStart, exampleTexts, sentimentByGroup, sentimentOverTime, termSentiment } from './aggregates';

describe('aggregates', () => {
  it('bootstrap interval contains the mean, narrows with more data and is seeded', () => {
    const small = [0.9, -0.5, 0.2, 0.4, -0.1, 0.7];
    const large = Array.from({ length: 600 }, (_, i) => small[i % 6]);
    const a = bootstrapMean(small), b = bootstrapMean(large);
    expect(a.mean).toBeCloseTo(0.2667, 3);
    expect(a.lo).toBeLessThan(a.mean);
    expect(a.hi).toBeGreaterThan(a.mean);
    expect(b.hi - b.lo).toBeLessThan((a.hi - a.lo) / 5);
    expect(bootstrapMean(small)).toEqual(a);
    expect(bootstrapMean([0.3])).toEqual({ mean: 0.3, lo: 0.3, hi: 0.3 });
  });

  it('groups by key and by UTC day, week (from Monday) and month', () => {
    const g = sentimentByGroup([1, 0, 0.5, 0.2], ['a', 'b', 'a', null]);
    expect(g.map((x) => [x.key, x.n, x.mean])).toEqual([['a', 2, 0.75], ['b', 1, 0]]);
    const wed = Date.UTC(2024, 4, 15, 13);
    expect(bucketStart(wed, 'day')).toBe('2024-05-15');
    expect(bucketStart(wed, 'week')).toBe('2024-05-13');
    expect(bucketStart(wed, 'month')).toBe('2024-05-01');
    const t = sentimentOverTime([1, -1, 0.5], [Date.UTC(2024, 5, 2), Date.UTC(2024, 4, 9), NaN], 'month');
    expect(t.map((x) => [x.key, x.mean])).toEqual([['2024-05-01', -1], ['2024-06-01', 1]]);
  });

  it('ranks terms by the mean score of their texts and picks examples at both ends', () => {
    const texts = ['great food', 'great staff', 'great view', 'cold food', 'cold room', 'cold staff'];
    const scores = [0.9, 0.8, 0.7, -0.6, -0.7, -0.5];
    const terms = termSentiment(texts, scores, { minDocuments: 2 });
    expect(terms[0].term).toBe('great');
    expect(terms[terms.length - 1].term).toBe('cold');
    expect(exampleTexts(scores, 2)).toEqual({ positive: [0, 1], negative: [4, 3] });
  });
});
