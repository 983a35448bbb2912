/** A text run's model loaded back: the classifier (or lexicon) behind the run's class order. */
import { getColumn, stringValues, type Frame } from '../frame/frame';
import { loadTextClassifier, type TextClassifier, type TextModelJSON } from '../text/index';
import { lexiconProbabilities, type LexiconClassifierJSON } from '../text/lexiconClassifier';
import { argmaxRows } from '../metrics/classification';
import type { Prediction } from './loadModel';
import type { TextModelArtifact } from './types';

export interface LoadedTextModel {
  artifact: TextModelArtifact;
  /** The trained classifier (explain(text) gives per-token contributions); null for the lexicon. */
  classifier: TextClassifier | null;
  /** n × classes probabilities, columns in the run's class order. */
  predictProba(texts: string[]): Float64Array;
  predictTexts(texts: string[]): Prediction;
  /** Reads the text column of the frame. */
  predict(frame: Frame): Prediction;
  dispose(): void;
}

const isLexicon = (m: TextModelArtifact['model']): m is LexiconClassifierJSON => m.format === 'lathe-lexicon-model';

/** A missing text is an empty one: the classifiers see no terms and fall back to their intercept. */
export function textsOf(frame: Frame, column: string): string[] {
  return stringValues(getColumn(frame, column)).map((t) => t ?? '');
}

/** Columns of a classifier's sorted label strings reordered to the run's classes. */
export function reorderColumns(P: Float64Array, from: readonly string[], to: readonly (string | number)[]): Float64Array {
  const K = to.length;
  const perm = to.map((c) => from.indexOf(String(c)));
  if (from.length !== K || perm.some((j) => j < 0)) throw new Error(`the text model's classes (${from.join(', ')}) are not the run's (${to.join(', ')})`);
  if (perm.every((j, k) => j === k)) return P;
  const out = new Float64Array(P.length);
  for (let r = 0; r < P.length / K; r++) for (let k = 0; k < K; k++) out[r * K + k] = P[r * K + perm[k]];
  return out;
}

export async function loadTextModel(artifact: TextModelArtifact): Promise<LoadedTextModel> {
  if (artifact.format !== 'lathe-text-artifact' || artifact.version !== 1) throw new Error('not a Lathe text model artifact');
  const m = artifact.model;
  const classifier = isLexicon(m) ? null : await loadTextClassifier(m as TextModelJSON);
  const predictProba = (texts: string[]): Float64Array => {
    if (texts.length === 0) return new Float64Array(0);
    return isLexicon(m) ? lexiconProbabilities(texts, m) : reorderColumns(classifier!.predictProba(texts), classifier!.classes, artifact.classes);
  };
  const predictTexts = (texts: string[]): Prediction => {
    const probabilities = predictProba(texts);
    const values = Float64Array.from(argmaxRows(probabilities, artifact.classes.length));
    return { values, probabilities, labels: Array.from(values, (v) => artifact.classes[v]), lower: null, upper: null };
  };
  return {
    artifact, classifier, predictProba, predictTexts,
    predict: (frame) => predictTexts(textsOf(frame, artifact.textColumn)),
    dispose: () => (classifier as { dispose?: () => void } | null)?.dispose?.(),
  };
}
