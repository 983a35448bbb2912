import { describe, expect, it } from 'vitest';
import { entityTable, extractEntities } from './entities';

// Hand-written sentences with known names.
const TEXTS = [
  'Barack Obama met Angela Merkel in Berlin.',
  'John Smith from Microsoft called me about the refund.',
  'The staff at Starbucks in New York were rude.',
  'Angela Merkel spoke in Paris yesterday.',
  'Microsoft support was excellent, Microsoft fixed it.',
  'The food was cold and the room was small.',
];

describe('entities', () => {
  it('finds people, organisations and places with offsets', () => {
    const e = extractEntities(TEXTS[0]);
    expect(e.map((x) => [x.kind, x.text])).toEqual([['person', 'Barack Obama'], ['person', 'Angela Merkel'], ['place', 'Berlin']]);
    for (const x of e) expect(TEXTS[0].slice(x.start, x.end)).toBe(x.text);
    const kinds = (t: string) => extractEntities(t).map((x) => `${x.kind}:${x.text}`);
    expect(kinds(TEXTS[1])).toEqual(['person:John Smith', 'organization:Microsoft']);
    expect(kinds(TEXTS[2])).toEqual(['organization:Starbucks', 'place:New York']);
    expect(extractEntities(TEXTS[5])).toEqual([]);
  });

  it('counts mentions and documents and averages the scores of the texts naming each', () => {
    const scores = [0.5, 0, -0.8, 0.1, 0.9, -0.2];
    const table = entityTable(TEXTS, scores);
    const ms = table.find((r) => r.key === 'microsoft')!;
    expect(ms).toMatchObject({ kind: 'organization', name: 'Microsoft', mentions: 3, documents: 2, examples: [1, 4] });
    expect(ms.meanSentiment).toBeCloseTo(0.45, 12);
    const merkel = table.find((r) => r.key === 'angela merkel')!;
    expect(merkel.documents).toBe(2);
    expect(merkel.meanSentiment).toBeCloseTo(0.3, 12);
    expect(table[0].documents).toBe(2);
    expect(entityTable(TEXTS, undefined, { minDocuments: 2 }).map((r) => r.key).sort()).toEqual(['angela merkel', 'microsoft']);
  });
});
