import { describe, expect, it } from 'vitest';
import { clusteredInteractions, fakeRecommender } from '../testing/recommenders';
import { coldStartScores, recommendCold } from './coldStart';
import { fitContent } from './content';
import type { Recommender } from './types';

const train = clusteredInteractions(20, 10, 3, 2);
const main = fakeRecommender('mf', 'informed', train, 1);
const counts = fakeRecommender('popularity', 'counts', train, 1);

/** Popularity with one segment column, `country`: FR users like item 9 best; unknown segments get everyone's. */
const popularity: Recommender = {
  ...counts,
  scoreCold: (_h, prefer) => {
    const s = counts.scoreCold!(new Map())!;
    if (prefer?.country?.[0] === 'FR') s[9] = 1000;
    return s;
  },
};
const features = { categories: { genre: train.items.map((_, i) => (i % 2 ? 'odd' : 'even')) }, tags: {}, numbers: {}, text: {} };
const content = fitContent(train, { itemFeatures: features });

describe('cold-start chain', () => {
  it('a known user gets the model itself', () => {
    const r = coldStartScores({ main, content, popularity }, { user: 3, prefer: { genre: ['odd'] } });
    expect(r.path).toBe('model');
    expect(r.scores).toEqual(main.scoreAll(3));
  });

  it('stated preferences go to content, and the list leaves out the history', () => {
    const r = recommendCold({ main, content, popularity }, { user: null, history: new Map([[1, 1]]), prefer: { genre: ['odd'] } }, 3);
    expect(r.description).toBe('content from 1 item and stated preferences');
    expect(r.items.map((x) => x.item % 2)).toEqual([1, 1, 1]);
    expect(r.items.map((x) => x.item)).not.toContain(1);
  });

  it('without content, the model scores a history', () => {
    const r = coldStartScores({ main, popularity }, { history: new Map([[4, 1]]) });
    expect(r).toMatchObject({ path: 'history', description: 'mf from 1 item' });
  });

  it('then popularity in the segment, then popularity overall', () => {
    const seg = recommendCold({ main, popularity }, { segment: { column: 'country', value: 'FR' } }, 2);
    expect(seg.description).toBe('popular in segment country FR');
    expect(seg.items[0].item).toBe(9);
    // A segment popularity does not know falls through to everyone's.
    const other = recommendCold({ main, popularity }, { segment: { column: 'country', value: 'NZ' } }, 2);
    expect(other).toMatchObject({ path: 'overall', description: 'popular overall' });
    expect(other.items).toHaveLength(2);
    // A segment stated as a preference counts too.
    expect(coldStartScores({ main, popularity }, { prefer: { country: ['FR'] } }).path).toBe('segment');
  });

  it('says so when nothing can score', () => {
    expect(coldStartScores({ main }, {})).toEqual({ scores: null, path: 'none', description: 'no model could score this user' });
    expect(coldStartScores({ main, known: () => false }, { user: 2 }).path).toBe('none');
  });
});
