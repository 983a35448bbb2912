/**
 * Text models in the explorer: a text family's classifier (linear, nbsvm, textnet), the lexicon, or
 * any other model whose single input is a text column. Each answers a typed sentence with its
 * prediction and how much each word pushed it.
 */
import { lexiconSentiment, loadTextClassifier, type TextClassifier, type TextModelJSON } from '../../../models/text/index';
import { lexiconProbabilities, type LexiconClassifierJSON } from '../../../models/text/lexiconClassifier';
import type { ModelArtifact } from '../../../models/train/types';
import type { ExplorerPredictionDto, TextExplainMethod, TextExplanationDto } from '../../../shared/api/methods/explorer';
import { inputKind } from './schema';

/** What the explorer needs of a model to show its text view. */
export interface TextView {
  column: string;
  method: TextExplainMethod;
}

/** A text family's classifier, wherever the artifact keeps its JSON (the model slot, or a field of its own). */
export function textClassifierJson(artifact: ModelArtifact): TextModelJSON | null {
  const isText = (v: unknown): v is TextModelJSON => typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'lathe-text-model';
  if (isText(artifact.model)) return artifact.model;
  for (const v of Object.values(artifact as unknown as Record<string, unknown>)) if (isText(v)) return v;
  return null;
}

/** A lexicon run's settings: which sentiment each class stands for, the neutral band and how sharp its probabilities are. */
export function lexiconJson(artifact: ModelArtifact): LexiconClassifierJSON | null {
  const m = artifact.model as unknown as { format?: unknown };
  return m?.format === 'lathe-lexicon-model' ? (m as LexiconClassifierJSON) : null;
}

/** The lexicon family predicts without training. */
export const isLexicon = (artifact: ModelArtifact): boolean => (artifact.family as string) === 'lexicon' || lexiconJson(artifact) !== null;

/** True when the pipeline and onnxruntime cannot run the model: the text engine does. */
export const runsInTextEngine = (artifact: ModelArtifact): boolean => isLexicon(artifact) || textClassifierJson(artifact) !== null;

/** The text view of a model, or null for tabular ones. `columnType` gives a dataset column's type. */
export function textViewOf(artifact: ModelArtifact, columnType: (name: string) => string | undefined): TextView | null {
  // A text run names its column; it reads that one alone.
  const named = (artifact as unknown as { textColumn?: unknown }).textColumn;
  const [only, ...rest] = typeof named === 'string' ? [named] : artifact.features;
  if (only === undefined || rest.length > 0) return null;
  if (isLexicon(artifact)) return { column: only, method: 'lexicon' };
  const json = textClassifierJson(artifact);
  if (json) return { column: only, method: json.family === 'textnet' ? 'occlusion' : 'coefficient' };
  return inputKind(columnType(only)) === 'text' ? { column: only, method: 'occlusion' } : null;
}

// Loaded classifiers, per artifact object: the explorer's model cache decides how long they live.
const classifiers = new WeakMap<ModelArtifact, Promise<TextClassifier>>();

export function textClassifierOf(artifact: ModelArtifact): Promise<TextClassifier> {
  let c = classifiers.get(artifact);
  if (!c) {
    const json = textClassifierJson(artifact);
    if (!json) throw new Error('not a text classifier artifact');
    c = loadTextClassifier(json);
    classifiers.set(artifact, c);
  }
  return c;
}

/** A text family's predictions; its labels are matched to the run's classes by their text. */
export function classifierPredictions(c: TextClassifier, artifact: ModelArtifact, texts: string[]): ExplorerPredictionDto[] {
  const P = c.predictProba(texts);
  const K = c.classes.length;
  const shown = artifact.classes?.map(String) ?? c.classes;
  return texts.map((_, r) => {
    const probabilities = Object.fromEntries(c.classes.map((cls, k) => [cls, P[r * K + k]]));
    let best = 0;
    for (let k = 1; k < K; k++) if (P[r * K + k] > P[r * K + best]) best = k;
    const label = shown.find((s) => s === c.classes[best]) ?? c.classes[best];
    return { value: null, label, probabilities, lower: null, upper: null };
  });
}

/** Coefficient explanations add up with the intercept to the explained class's logit; textnet's are occlusion drops. */
export function classifierExplanation(c: TextClassifier, column: string, text: string, explainClass?: string): TextExplanationDto {
  const e = c.explain(text, explainClass);
  const tokens = e.tokens.map((t) => ({ token: t.token, start: t.start, end: t.end, contribution: t.contribution, valence: null }));
  if (e.method === 'occlusion') {
    return { column, method: 'occlusion', space: 'probability', output: e.label, value: e.probability, intercept: null, tokens };
  }
  const logit = tokens.reduce((s, t) => s + t.contribution, e.intercept);
  return { column, method: 'coefficient', space: c.classes.length === 2 ? 'log-odds' : 'logit', output: e.label, value: logit, intercept: e.intercept, tokens };
}

/** The lexicon's own view: each word's valence after the rules and its share of the compound score. */
export function lexiconExplanation(column: string, text: string, neutralBand?: number): TextExplanationDto {
  const r = lexiconSentiment(text, neutralBand);
  const tokens = r.words.map((w) => ({ token: w.token, start: w.start, end: w.end, contribution: w.contribution, valence: w.valence }));
  return { column, method: 'lexicon', space: 'score', output: r.label, value: r.score, intercept: null, tokens };
}

/**
 * A lexicon run's classes from the compound score, as the run scored its test rows. Without the
 * run's settings, the lexicon's own label, and no probabilities (its score is not one).
 */
export function lexiconPredictions(artifact: ModelArtifact, texts: string[]): ExplorerPredictionDto[] {
  const json = lexiconJson(artifact);
  const classes = artifact.classes?.map(String);
  if (!json || !classes) return texts.map((t) => ({ value: null, label: lexiconSentiment(t).label, probabilities: null, lower: null, upper: null }));
  const P = lexiconProbabilities(texts, json);
  const K = classes.length;
  return texts.map((_, r) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (P[r * K + k] > P[r * K + best]) best = k;
    return { value: null, label: classes[best], probabilities: Object.fromEntries(classes.map((c, k) => [c, P[r * K + k]])), lower: null, upper: null };
  });
}
