/**
 * The text families' parameters as the schema states them (shared/families: flat, complete, stated once) turned
 * into the engine's shapes. The engine's defaults are these functions applied to the schema's defaults.
 */
import {
  LEXICON_DEFAULTS, LINEAR_DEFAULTS, LINEAR_TEXT_C_GRID, NBSVM_C_GRID, NBSVM_DEFAULTS, TEXTNET_DEFAULTS, TEXT_INNER_FOLDS,
  type FamilyParams,
} from '../../shared/families/index';
import type { LinearTextParams } from './linear';
import type { NbsvmParams } from './nbsvm';
import type { TextnetParams } from './textnet';

/** The seed the engine uses when a caller gives none (runs pass theirs). */
export const DEFAULT_TEXT_SEED = 42;

/** `linear` on a text column: l2 belongs to the tabular model; the tf-idf model has its own C (`textC`, 0: tuned). */
export function linearTextParamsOf(p: FamilyParams<'linear'>, seed = DEFAULT_TEXT_SEED): LinearTextParams {
  return { tfidf: {}, C: p.textC === 0 ? null : p.textC, cGrid: [...LINEAR_TEXT_C_GRID], innerFolds: TEXT_INNER_FOLDS, lexiconFeature: false, maxIter: p.maxIter, seed };
}

export function nbsvmParamsOf(p: FamilyParams<'nbsvm'>, seed = DEFAULT_TEXT_SEED): NbsvmParams {
  return {
    tfidf: {
      ...(p.markNegation ? {} : { tokenizer: { markNegation: false } }),
      word: { min: 1, max: p.wordNgrams },
      char: p.charNgrams >= 2 ? { min: 2, max: p.charNgrams } : null,
    },
    alpha: p.alpha, beta: p.beta, C: p.C === 0 ? null : p.C, cGrid: [...NBSVM_C_GRID], innerFolds: p.innerFolds,
    lexiconFeature: p.lexiconFeature, maxIter: p.maxIter, seed,
  };
}

export function textnetParamsOf(p: FamilyParams<'textnet'>, seed = DEFAULT_TEXT_SEED): TextnetParams {
  return {
    tfidf: { word: { min: 1, max: p.wordNgrams }, char: null, maxFeatures: p.maxFeatures },
    embeddingDim: p.embeddingDim, hidden: p.hidden, dropout: p.dropout, learningRate: p.learningRate, batchSize: p.batchSize,
    maxEpochs: p.maxEpochs, patience: p.patience, validationShare: p.validationShare, seed, backends: null,
  };
}

export const DEFAULT_LINEAR_TEXT_PARAMS: LinearTextParams = linearTextParamsOf(LINEAR_DEFAULTS);
export const DEFAULT_NBSVM_PARAMS: NbsvmParams = nbsvmParamsOf(NBSVM_DEFAULTS);
export const DEFAULT_TEXTNET_PARAMS: TextnetParams = textnetParamsOf(TEXTNET_DEFAULTS);
export const DEFAULT_LEXICON_PARAMS: FamilyParams<'lexicon'> = LEXICON_DEFAULTS;
