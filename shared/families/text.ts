/**
 * What the text families share: the C grids their inner cross-validation searches and its folds.
 * The text engine (models/text) reads these; nothing else states them.
 */

/** Inner cross-validation folds that choose C when it is left at 0. */
export const TEXT_INNER_FOLDS = 5;
/** C values tried for `linear` on a text column (tf-idf logistic regression). */
export const LINEAR_TEXT_C_GRID: readonly number[] = [1, 3, 10, 30, 100, 300];
/** C values tried for `nbsvm` (its features are binary and scaled by log-count ratios, so smaller C suit it). */
export const NBSVM_C_GRID: readonly number[] = [0.1, 0.3, 1, 3, 10];

/** The one text column a text family reads, and the feature columns it leaves out; or why there is none to read. */
export function pickTextColumn(
  family: string, features: readonly { name: string; type: string }[],
): { column: string; ignored: string[] } | { problem: string } {
  const texts = features.filter((c) => c.type === 'text');
  if (texts.length === 1) return { column: texts[0].name, ignored: features.filter((c) => c !== texts[0]).map((c) => c.name) };
  const quote = (cs: readonly { name: string }[]) => cs.map((c) => `'${c.name}'`).join(', ');
  if (texts.length === 0) {
    const found = features.length ? `the features are ${quote(features)}, none of type text` : 'there are no feature columns';
    return { problem: `${family} trains on one text column; ${found} (set a column's type to text, or pick a tabular model)` };
  }
  return { problem: `${family} trains on one text column; the features hold ${texts.length}: ${quote(texts)} (exclude all but one)` };
}

/** True when a run's features are exactly one text column: `linear` then trains the text engine's tf-idf model. */
export function isSingleTextColumn(features: readonly { type: string }[]): boolean {
  return features.length === 1 && features[0].type === 'text';
}

/** What a lexicon run maps each class to. */
export type Sentiment = 'negative' | 'neutral' | 'positive';

const WORDS: Record<string, Sentiment> = {
  negative: 'negative', neg: 'negative', positive: 'positive', pos: 'positive', neutral: 'neutral', neu: 'neutral',
};

/** Numeric labels in ascending order, by how many there are. */
const NUMERIC: Record<string, Sentiment[]> = {
  '0,1': ['negative', 'positive'],
  '-1,1': ['negative', 'positive'],
  '-1,0,1': ['negative', 'neutral', 'positive'],
};

export const SENTIMENT_LABELS_EXPECTED = '0/1, -1/1, -1/0/1, negative/positive or neg/pos (with neutral or neu for a third class)';

/** Each class's sentiment, or null when the labels do not look like sentiment labels. */
export function sentimentsOfClasses(classes: readonly (string | number)[]): Sentiment[] | null {
  const text = classes.map((c) => String(c).trim().toLowerCase());
  let out: Sentiment[];
  if (text.every((t) => t !== '' && Number.isFinite(Number(t)))) {
    const sorted = [...new Set(text.map(Number))].sort((a, b) => a - b);
    const mapping = NUMERIC[sorted.join(',')];
    if (!mapping || sorted.length !== text.length) return null;
    out = text.map((t) => mapping[sorted.indexOf(Number(t))]);
  } else {
    if (!text.every((t) => Object.hasOwn(WORDS, t))) return null;
    out = text.map((t) => WORDS[t]);
  }
  const kinds = new Set(out);
  const ok = kinds.size === out.length && kinds.has('negative') && kinds.has('positive');
  return ok ? out : null;
}

/** Why a target cannot be scored by the lexicon, or null. */
export function lexiconTargetProblem(target: string, classes: readonly (string | number)[]): string | null {
  if (sentimentsOfClasses(classes)) return null;
  return `The lexicon scores sentiment: the target '${target}' must hold sentiment labels (${SENTIMENT_LABELS_EXPECTED}); it has ${classes.map((c) => `'${c}'`).join(', ')}`;
}
