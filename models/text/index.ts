/**
 * The text engine: tokenizer, tf-idf, lexicon sentiment, trained classifiers (linear, nbsvm, textnet),
 * entities and aggregates. Pure TypeScript (TF.js for textnet), no Electron, DOM, file-system or database.
 */
import { LinearTextModel, type LinearTextParams } from './linear';
import { NbsvmModel, type NbsvmParams } from './nbsvm';
import { TextnetModel, type TextnetParams } from './textnet';
import type { TextClassifier, TextFamily, TextFitHooks, TextModelJSON } from './types';

export * from './types';
export { tokenize, tokenizeDetailed, baseForm, type Token, type TokenizeOptions } from './tokenize';
export { TfidfVectorizer, type TfidfConfig, type TfidfJSON } from './vectorize';
export type { Csr } from './sparse';
export { lexiconSentiment, lexiconScores, labelOf, wordValence, type LexiconResult, type SentimentLabel } from './lexicon';
export { LinearTextModel, NbsvmModel, TextnetModel, type LinearTextParams, type NbsvmParams, type TextnetParams };
export { extractEntities, entityTable, type Entity, type EntityKind, type EntityRow } from './entities';
export { bootstrapMean, sentimentByGroup, sentimentOverTime, termSentiment, exampleTexts, type GroupSentiment } from './aggregates';

export interface TextParamsByFamily {
  linear: LinearTextParams;
  nbsvm: NbsvmParams;
  textnet: TextnetParams;
}

/** Trains one family; labels may be any strings (two or more distinct). */
export function fitTextClassifier<F extends TextFamily>(
  family: F, texts: string[], labels: string[], params: Partial<TextParamsByFamily[F]> = {}, hooks: TextFitHooks = {},
): Promise<TextClassifier> {
  if (texts.length !== labels.length) throw new Error('texts and labels differ in length');
  if (family === 'linear') return LinearTextModel.fit(texts, labels, params as Partial<LinearTextParams>, hooks);
  if (family === 'nbsvm') return NbsvmModel.fit(texts, labels, params as Partial<NbsvmParams>, hooks);
  return TextnetModel.fit(texts, labels, params as Partial<TextnetParams>, hooks);
}

/** Rebuilds a model from its toJSON() (async: textnet sets up its TF.js backend). */
export async function loadTextClassifier(json: TextModelJSON): Promise<TextClassifier> {
  if (json.format !== 'lathe-text-model') throw new Error('not a Lathe text model');
  if (json.family === 'linear') return LinearTextModel.fromJSON(json);
  if (json.family === 'nbsvm') return NbsvmModel.fromJSON(json);
  if (json.family === 'textnet') return TextnetModel.fromJSON(json);
  throw new Error(`unknown text model family: ${String(json.family)}`);
}
