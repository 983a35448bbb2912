/**
 * The recommender models, as data: what each accepts, its defaults and ranges, and the options
 * every recommender run shares (k, split, group strategies). The engine (models/recommend), the
 * new-run dialog, `lathe train --task recommend --param`, sweeps and stored runs all read these;
 * nothing else writes a recommender default down.
 */
import { defaultsOf, type ParamSpec, type ValuesOf } from './define';
import { dimProblem, type SweepDim } from './index';

export interface RecommendModelSpec<P extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  id: string;
  label: string;
  /** One line: what the model is and when to use it. */
  description: string;
  /** Which feedback it learns from: explicit ratings, implicit weights, or either. */
  feedback: 'explicit' | 'implicit' | 'any';
  /** Needs an item-features dataset. */
  needsItemFeatures: boolean;
  params: P;
  /** Parameters a first sweep searches, in order (each needs a `sweep` range). */
  searchFirst: readonly (keyof P & string)[];
}

const spec = <P extends Record<string, ParamSpec>>(s: RecommendModelSpec<P>) => s;

export const RECOMMEND_MODEL_SPECS = {
  popularity: spec({
    id: 'popularity',
    label: 'Popularity',
    description: 'The most interacted-with items (within the user’s segment when user features are given), optionally favouring recent activity.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      halfLifeDays: { kind: 'float', label: 'Half-life (days)', help: 'Time decay of an interaction’s weight; 0 = no decay (needs a time column otherwise).', default: 0, min: 0, max: 3650, form: true, sweep: { lo: 7, hi: 365, log: true } },
    },
    searchFirst: ['halfLifeDays'],
  }),
  'item-knn': spec({
    id: 'item-knn',
    label: 'Item k-NN',
    description: 'Items similar to the ones a user liked: shrunk cosine similarity over co-interactions, k nearest neighbours per item.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      neighbours: { kind: 'int', label: 'Neighbours', help: 'Most similar items kept per item.', default: 50, min: 1, max: 1000, form: true, sweep: { lo: 10, hi: 200, log: true } },
      shrinkage: { kind: 'float', label: 'Shrinkage', help: 'Pulls similarities from few co-interactions towards 0: s·n/(n+shrinkage).', default: 100, min: 0, max: 10_000, form: true, sweep: { lo: 0, hi: 500 } },
    },
    searchFirst: ['neighbours', 'shrinkage'],
  }),
  mf: spec({
    id: 'mf',
    label: 'Matrix factorization',
    description: 'Biased matrix factorization by SGD (as Surprise’s SVD); SVD++ adds the implicit signal of what each user rated; ranking also weighs how likely the user is to pick each item.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      factors: { kind: 'int', label: 'Factors', help: 'Length of each user and item vector.', default: 100, min: 1, max: 1000, form: true, sweep: { lo: 10, hi: 200, log: true } },
      epochs: { kind: 'int', label: 'Epochs', help: 'Passes of SGD over the training interactions.', default: 20, min: 1, max: 1000, form: true, sweep: { lo: 10, hi: 100 } },
      learningRate: { kind: 'float', label: 'Learning rate', help: 'SGD step size.', default: 0.005, min: 0, max: 1, minOpen: true, step: 0.001, sweep: { lo: 0.001, hi: 0.05, log: true } },
      regularization: { kind: 'float', label: 'Regularization', help: 'L2 penalty on factors and biases.', default: 0.02, min: 0, max: 10, step: 0.005, form: true, sweep: { lo: 0.001, hi: 0.2, log: true } },
      initStd: { kind: 'float', label: 'Init std', help: 'Standard deviation of the initial factors.', default: 0.1, min: 0, max: 1, step: 0.01 },
      svdpp: { kind: 'bool', label: 'SVD++', help: 'Add the implicit feedback of which items each user rated (slower, often a little more accurate).', default: false, form: true },
      interactionFactors: { kind: 'int', label: 'Interaction factors', help: 'Length of the vectors of the model of which items a user goes on to rate, learned from sampled unrated items; the ranking adds it to the predicted rating. 0 ranks by predicted rating alone.', default: 32, min: 0, max: 1000, form: true, sweep: { lo: 8, hi: 128, log: true } },
      negatives: { kind: 'int', label: 'Negatives', help: 'Unrated items sampled per rating for the interaction model.', default: 4, min: 1, max: 100, sweep: { lo: 1, hi: 16, log: true } },
      interactionLearningRate: { kind: 'float', label: 'Interaction learning rate', help: 'SGD step size of the interaction model.', default: 0.05, min: 0, max: 1, minOpen: true, step: 0.005, sweep: { lo: 0.005, hi: 0.2, log: true } },
      interactionRegularization: { kind: 'float', label: 'Interaction regularization', help: 'L2 penalty on the interaction model’s vectors and item biases.', default: 0.01, min: 0, max: 10, step: 0.005, sweep: { lo: 0.001, hi: 0.1, log: true } },
      ratingWeight: { kind: 'float', label: 'Rating weight', help: 'How much the predicted rating counts in the ranking: score = interaction logit + weight · log(the rating’s share of the scale).', default: 1, min: 0, max: 20, step: 0.1, sweep: { lo: 0, hi: 4 } },
    },
    searchFirst: ['factors', 'regularization', 'epochs'],
  }),
  als: spec({
    id: 'als',
    label: 'ALS (implicit)',
    description: 'Weighted alternating least squares for implicit feedback (Hu, Koren & Volinsky): confidence 1 + α·weight.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      factors: { kind: 'int', label: 'Factors', help: 'Length of each user and item vector.', default: 64, min: 1, max: 1000, form: true, sweep: { lo: 16, hi: 256, log: true } },
      iterations: { kind: 'int', label: 'Iterations', help: 'Alternating solves of users then items.', default: 15, min: 1, max: 200, form: true, sweep: { lo: 5, hi: 50 } },
      regularization: { kind: 'float', label: 'Regularization', help: 'L2 penalty on the factors.', default: 0.05, min: 0, max: 100, step: 0.01, form: true, sweep: { lo: 0.001, hi: 10, log: true } },
      alpha: { kind: 'float', label: 'Confidence α', help: 'How much more a stronger interaction counts: confidence = 1 + α·weight.', default: 10, min: 0, max: 1000, form: true, sweep: { lo: 1, hi: 100, log: true } },
    },
    searchFirst: ['factors', 'regularization', 'alpha'],
  }),
  ncf: spec({
    id: 'ncf',
    label: 'Neural CF (NeuMF)',
    description: 'User and item embeddings through a GMF and an MLP tower, fused (He et al. 2017); TF.js.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      factors: { kind: 'int', label: 'Factors', help: 'Embedding size of the GMF tower.', default: 32, min: 1, max: 512, form: true, sweep: { lo: 8, hi: 128, log: true } },
      layers: { kind: 'intList', label: 'MLP layers', help: 'Units of the MLP tower’s layers, e.g. "64,32,16".', default: [64, 32, 16], min: 1, max: 4096, maxLength: 6, form: true, sweep: { choices: ['32,16', '64,32,16', '128,64,32'] } },
      epochs: { kind: 'int', label: 'Epochs', help: 'Passes over the training interactions.', default: 10, min: 1, max: 500, form: true, sweep: { lo: 5, hi: 50 } },
      learningRate: { kind: 'float', label: 'Learning rate', help: 'Adam step size.', default: 0.001, min: 0, max: 1, minOpen: true, step: 0.0005, sweep: { lo: 0.0001, hi: 0.01, log: true } },
      batchSize: { kind: 'int', label: 'Batch size', help: 'Interactions per gradient step.', default: 1024, min: 1, max: 65_536 },
      negatives: { kind: 'int', label: 'Negatives', help: 'Sampled non-interacted items per positive (implicit feedback).', default: 4, min: 0, max: 100, sweep: { lo: 1, hi: 10 } },
      arch: { kind: 'text', label: 'Architecture', help: 'The network as JSON (shared/nn’s ncf preset: GMF and MLP branches, a sigmoid output); empty: built from Factors and MLP layers.', default: '', maxLength: 200_000 },
    },
    searchFirst: ['factors', 'learningRate', 'epochs'],
  }),
  content: spec({
    id: 'content',
    label: 'Content',
    description: 'Items as TF-IDF of their text and tags plus encoded categories and numbers; a user is the weighted mean of the items they liked.',
    feedback: 'any',
    needsItemFeatures: true,
    params: {
      textWeight: { kind: 'float', label: 'Text weight', help: 'Weight of the text and tag terms against the categories and numbers.', default: 1, min: 0, max: 10, step: 0.1, form: true, sweep: { lo: 0.1, hi: 5, log: true } },
      maxTerms: { kind: 'int', label: 'Vocabulary', help: 'Most frequent terms kept from text and tags.', default: 5000, min: 10, max: 200_000 },
    },
    searchFirst: ['textWeight'],
  }),
  hybrid: spec({
    id: 'hybrid',
    label: 'Hybrid',
    description: 'A weighted blend of members (weights fitted on a validation split), falling back for cold users and items: content, then segment popularity.',
    feedback: 'any',
    needsItemFeatures: false,
    params: {
      members: { kind: 'enum', label: 'Members', help: 'Models blended; content joins when item features are given.', default: 'mf+item-knn+popularity', choices: ['mf+item-knn+popularity', 'mf+popularity', 'als+item-knn+popularity', 'mf+als+item-knn'], form: true, sweep: { choices: ['mf+item-knn+popularity', 'als+item-knn+popularity'] } },
      validationShare: { kind: 'float', label: 'Validation share', help: 'Share of each user’s training interactions held out to fit the blend weights.', default: 0.1, min: 0.01, max: 0.5, step: 0.01 },
    },
    searchFirst: ['members'],
  }),
} as const;

export type RecommendModelId = keyof typeof RECOMMEND_MODEL_SPECS;
export const RECOMMEND_MODEL_IDS = Object.keys(RECOMMEND_MODEL_SPECS) as RecommendModelId[];
export type RecommendParams<M extends RecommendModelId> = ValuesOf<(typeof RECOMMEND_MODEL_SPECS)[M]['params']>;

/** Defaults of one model's parameters, from its spec. */
export function recommendDefaults<M extends RecommendModelId>(model: M): RecommendParams<M> {
  return defaultsOf(RECOMMEND_MODEL_SPECS[model] as { params: (typeof RECOMMEND_MODEL_SPECS)[M]['params'] }) as RecommendParams<M>;
}

/** How a run holds out interactions to score on. */
export const RECOMMEND_SPLITS = {
  random: 'A random share of each user’s interactions (users with one interaction stay in training).',
  last: 'Each user’s most recent interactions, by the time column (leave-last-out).',
  time: 'Everything after a global cut in time.',
  test: 'A separate test dataset with the same user and item columns.',
} as const;
export type RecommendSplit = keyof typeof RECOMMEND_SPLITS;

/** How several members’ predicted ratings become one group score (Masthoff). */
export const GROUP_STRATEGIES = {
  average: 'Mean of the members’ predicted scores.',
  'least-misery': 'The lowest member’s score: nobody hates it.',
  'most-pleasure': 'The highest member’s score.',
  'average-without-misery': 'Mean score, leaving out items any member scores below the threshold.',
  borda: 'Sum of each member’s rank points.',
  fair: 'Greedy list that next picks what the least-satisfied member likes best.',
} as const;
export type GroupStrategy = keyof typeof GROUP_STRATEGIES;

/** Options every recommender run shares; stated once here. */
export const RECOMMEND_DEFAULTS = {
  /** Length of the recommended list the headline metrics are taken at. */
  k: 10,
  /** Metrics are drawn at k = 1 … maxK on the run page. */
  maxK: 20,
  split: 'random' as RecommendSplit,
  /** Share of each user's interactions held out by the random split; of the time range by the time split. */
  testShare: 0.2,
  /** Interactions held out per user by the leave-last-out split. */
  lastN: 1,
  /** Duplicated (user, item) pairs: ratings are averaged, implicit weights summed. */
  duplicates: { explicit: 'mean', implicit: 'sum' } as const,
  /** A rating at or above this share of the scale's range counts as relevant for ranking metrics (4 of 1–5). */
  relevantShare: 0.75,
  groupStrategy: 'average' as GroupStrategy,
  /** average-without-misery: items any member scores below this share of the scale are left out. */
  miseryShare: 0.4,
  /** Users scored at most, for the ranking metrics (a seeded sample beyond it; stated in the report). */
  maxEvalUsers: 5000,
} as const;

/** Ranking metrics a recommender sweep can optimise, taken at the run's k (higher is better); rmse/mae need ratings. */
export const RECOMMEND_SWEEP_METRICS = ['ndcg', 'map', 'recall', 'precision', 'hitRate', 'mrr', 'rmse', 'mae'] as const;
export type RecommendSweepMetric = (typeof RECOMMEND_SWEEP_METRICS)[number];

/** The run metric a sweep objective reads: ndcg at k = 10 is `ndcgAt10`; rmse and mae as they are. */
export function recommendMetricKey(metric: RecommendSweepMetric, k: number): string {
  return metric === 'rmse' || metric === 'mae' ? metric : `${metric}At${k}`;
}

/** A sweep dimension checked against a recommender model's parameters. */
export function recommendSweepDimProblem(model: RecommendModelId, dim: SweepDim): string | null {
  return dimProblem(model, RECOMMEND_MODEL_SPECS[model].params, dim);
}

/** A model's first search space (its `searchFirst` parameters over their sweep ranges), as `key=lo..hi[:log]` / `key=a|b`. */
export function recommendFirstSpace(model: RecommendModelId): string[] {
  const params = RECOMMEND_MODEL_SPECS[model].params as Record<string, ParamSpec>;
  return (RECOMMEND_MODEL_SPECS[model].searchFirst as readonly string[]).map((key) => {
    const s = params[key];
    if (!('sweep' in s) || !s.sweep) throw new Error(`${model}.${key} is searched first but has no sweep range`);
    return 'choices' in s.sweep ? `${key}=${s.sweep.choices.join('|')}` : `${key}=${s.sweep.lo}..${s.sweep.hi}${s.sweep.log ? ':log' : ''}`;
  });
}
