/**
 * Per-token explanation of a linear score on tf-idf features: each feature's contribution (weight × value)
 * is shared equally among its occurrences in the text, and each occurrence's share among the tokens it came
 * from (a bigram's two words, the word a character n-gram lies in).
 */
import type { Analysis } from './analyze';
import type { FeatureContribution, TokenContribution } from './types';
import type { TfidfVectorizer } from './vectorize';

export interface LinearTerm {
  /** Column → value in the model's input row. */
  row: Map<number, number>;
  analysis: Analysis;
  /** The explained logit's weight of a column. */
  weight: (column: number) => number;
  /** Extra contributions already given per token (e.g. the lexicon feature spread over its words). */
  extraTokens?: Map<number, number>;
  extraFeatures?: FeatureContribution[];
}

export function explainLinearTerms(v: TfidfVectorizer, t: LinearTerm, topFeatures = 20): { tokens: TokenContribution[]; features: FeatureContribution[] } {
  const perToken = new Float64Array(t.analysis.tokens.length);
  const spread = (terms: string[], sources: number[][], kind: 'word' | 'char'): void => {
    const occurrences = new Map<number, number[][]>();
    terms.forEach((term, i) => {
      const j = v.column(kind, term);
      if (j === undefined || !t.row.has(j)) return;
      const list = occurrences.get(j) ?? [];
      list.push(sources[i]);
      occurrences.set(j, list);
    });
    for (const [j, list] of occurrences) {
      const c = t.weight(j) * t.row.get(j)!;
      for (const src of list) for (const k of src) perToken[k] += c / list.length / src.length;
    }
  };
  spread(t.analysis.words, t.analysis.wordSources, 'word');
  spread(t.analysis.chars, t.analysis.charSources, 'char');
  for (const [k, c] of t.extraTokens ?? []) perToken[k] += c;
  const tokens = t.analysis.tokens.map((tok, k) => ({ token: tok.text, start: tok.start, end: tok.end, contribution: perToken[k] }));
  const features: FeatureContribution[] = [...t.row].map(([j, value]) => {
    const f = v.feature(j);
    return { feature: f.term, kind: f.kind, value, weight: t.weight(j), contribution: t.weight(j) * value };
  });
  features.push(...(t.extraFeatures ?? []));
  features.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { tokens, features: features.slice(0, topFeatures) };
}
