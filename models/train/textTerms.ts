/** What a text run reports as importance: its strongest terms (linear, nbsvm) or lexicon words. */
import { LinearTextModel, NbsvmModel, lexiconSentiment, type TextClassifier } from '../text/index';
import { NEG_PREFIX } from '../text/tokenize';
import type { FeatureImportance } from '../importance/importance';

/** Terms shown in the report. */
const TOP_TERMS = 50;

/** A term as a reader sees it: negated words marked, character n-grams quoted with their word boundaries. */
export function termLabel(kind: 'word' | 'char' | 'lexicon', term: string): string {
  if (kind === 'lexicon') return term;
  if (kind === 'char') return `“${term.replace(/ /g, '␣')}” (chars)`;
  return term.split(' ').map((w) => (w.startsWith(NEG_PREFIX) ? `not:${w.slice(NEG_PREFIX.length)}` : w)).join(' ');
}

/**
 * Terms by the size of their weight on the model's input (nbsvm: weight × log-count ratio), labelled with the
 * class they push towards. Two classes: one logit, positive towards classes[1].
 */
export function topTerms(clf: TextClassifier, classes: readonly (string | number)[]): FeatureImportance[] {
  let weightsOf: (j: number) => number[];
  let nFeatures: number;
  let feature: (j: number) => { kind: 'word' | 'char' | 'lexicon'; term: string };
  if (clf instanceof LinearTextModel) {
    const m = clf.model, v = clf.vectorizer;
    nFeatures = m.nFeatures;
    weightsOf = (j) => Array.from({ length: m.outputs }, (_, k) => m.weights[k * m.nFeatures + j]);
    feature = (j) => (j < v.nFeatures ? v.feature(j) : { kind: 'lexicon', term: 'lexicon score' });
  } else if (clf instanceof NbsvmModel) {
    const v = clf.vectorizer;
    nFeatures = clf.models[0].weights.length;
    weightsOf = (j) => clf.models.map((m) => m.weights[j] * (j < m.ratios.length ? m.ratios[j] : 1));
    feature = (j) => (j < v.nFeatures ? v.feature(j) : { kind: 'lexicon', term: 'lexicon score' });
  } else return [];
  // The run's class order can differ from the classifier's sorted labels.
  const runClass = (k: number) => String(classes.find((c) => String(c) === clf.classes[k]) ?? clf.classes[k]);
  const rows: FeatureImportance[] = [];
  for (let j = 0; j < nFeatures; j++) {
    const w = weightsOf(j);
    let k = 0;
    for (let i = 1; i < w.length; i++) if (Math.abs(w[i]) > Math.abs(w[k])) k = i;
    const size = Math.abs(w[k]);
    if (size === 0) continue;
    const towards = w.length === 1 ? runClass(w[0] > 0 ? 1 : 0) : w[k] > 0 ? runClass(k) : `not ${runClass(k)}`;
    const f = feature(j);
    rows.push({ feature: `${termLabel(f.kind, f.term)} → ${towards}`, importance: size, std: 0 });
  }
  return rows.sort((a, b) => b.importance - a.importance).slice(0, TOP_TERMS);
}

/** Lexicon words by their mean share of the score over the texts (sign: towards positive or negative). */
export function lexiconWords(texts: string[]): FeatureImportance[] {
  const total = new Map<string, number>();
  for (const t of texts) for (const w of lexiconSentiment(t).words) total.set(w.token, (total.get(w.token) ?? 0) + w.contribution);
  return [...total]
    .map(([word, sum]) => ({ feature: `${word} → ${sum > 0 ? 'positive' : 'negative'}`, importance: Math.abs(sum) / Math.max(1, texts.length), std: 0 }))
    .filter((r) => r.importance > 0)
    .sort((a, b) => b.importance - a.importance)
    .slice(0, TOP_TERMS);
}
