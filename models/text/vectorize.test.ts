import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-tfidf.json';
import { csrGet } from './sparse';
import { TfidfVectorizer, type TfidfConfig } from './vectorize';

interface Case { params: Record<string, unknown>; features: string[]; idf: number[]; matrix: number[][] }

function configOf(p: Record<string, unknown>): Partial<TfidfConfig> {
  const [min, max] = p.ngram_range as [number, number];
  return {
    tokenizer: 'sklearn',
    word: p.analyzer === 'word' ? { min, max } : null,
    char: p.analyzer === 'char_wb' ? { min, max } : null,
    sublinearTf: p.sublinear_tf as boolean,
    minDf: p.min_df as number,
    maxFeatures: (p.max_features as number | undefined) ?? null,
  };
}

describe('TfidfVectorizer against scikit-learn (fixtures/sklearn_tfidf.py)', () => {
  for (const [name, c] of Object.entries(fixture.cases as Record<string, Case>)) {
    it(name, () => {
      const v = TfidfVectorizer.fit(fixture.corpus, configOf(c.params));
      const names = Array.from({ length: v.nFeatures }, (_, j) => v.feature(j).term);
      expect(names).toEqual(c.features);
      const block = v.word ?? v.char!;
      block.idf.forEach((x, j) => expect(x).toBeCloseTo(c.idf[j], 12));
      const X = v.transform(fixture.corpus);
      c.matrix.forEach((row, r) => row.forEach((x, j) => expect(csrGet(X, r, j)).toBeCloseTo(x, 12)));
    });
  }
});

describe('TfidfVectorizer', () => {
  const texts = ['not good at all', 'good food', 'the food was not bad. 😍'];

  it('combines word and char blocks, each l2-normalised, and ignores unseen terms', () => {
    const v = TfidfVectorizer.fit(texts);
    const X = v.transform(['good zzz']);
    let word = 0, char = 0;
    for (let p = X.indptr[0]; p < X.indptr[1]; p++) {
      if (v.feature(X.indices[p]).kind === 'word') word += X.data[p] ** 2;
      else char += X.data[p] ** 2;
    }
    expect(word).toBeCloseTo(1, 12);
    expect(char).toBeCloseTo(1, 12);
    expect(v.feature(0).kind).toBe('word');
    const words = Array.from({ length: v.word!.terms.length }, (_, j) => v.feature(j).term);
    expect(words).toContain('NEG_good');
    expect(words).toContain('😍');
  });

  it('round-trips through JSON exactly', () => {
    const v = TfidfVectorizer.fit(texts, { minDf: 1 });
    const back = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    const a = v.transform(texts), b = back.transform(texts);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
  });
});
