/**
 * How each model continues from an earlier run's model on new rows (`warmStartFrom`): stated once here,
 * read by the host (to refuse or explain before a job starts), the engine and the app.
 * - continue: the earlier model is the starting point and is trained further;
 * - refit: nothing of the earlier model can be reused by the solver, so the run fits afresh (with the
 *   earlier run's features and classes) and says so;
 * - none: the model cannot continue (the message says why).
 */
import type { Family } from './index';
import { GBDT_WARM_START } from './gbdt';
import type { Task } from './task';
import type { RecommendModelId } from './recommend';

export type WarmStartMode = 'continue' | 'refit' | 'none';

export interface WarmStartRule {
  mode: WarmStartMode;
  /** One line for the run page and the CLI. */
  how: string;
}

export const FAMILY_WARM_START: Record<Family, WarmStartRule> = {
  gbdt: {
    mode: 'continue',
    how: `continues boosting: the earlier trees' leaf values are refitted on this run's rows (keeping ${100 * GBDT_WARM_START.refitDecay} % of each old value), then new trees are added at ${GBDT_WARM_START.learningRateScale} × the learning rate until early stopping on the validation share`,
  },
  mlp: { mode: 'continue', how: "continues from the earlier network's weights and target scaling (Adam restarts with the same learning rate) for this run's epochs" },
  forest: { mode: 'refit', how: 'refits: a random forest has no sequential state to continue, so its trees are grown afresh on the new rows' },
  linear: { mode: 'refit', how: "refits: ridge has a closed form and the logistic solver converges from any start, so the earlier coefficients are not reused" },
  nbsvm: { mode: 'none', how: 'text models train on their own vocabulary; train it again on all rows' },
  textnet: { mode: 'none', how: 'text models train on their own vocabulary; train it again on all rows' },
  lexicon: { mode: 'none', how: 'the lexicon trains nothing' },
};

/** Recommenders continue on new interactions by folding in what they did not know (models/recommend/foldIn.ts). */
export const RECOMMEND_WARM_START: Record<RecommendModelId, WarmStartRule> = {
  als: { mode: 'continue', how: 'folds in new items, then new users, in closed form with the other side fixed; known users and items keep their factors' },
  mf: { mode: 'continue', how: 'folds in new items, then new users, by ridge regression with the other side fixed; known users and items keep their biases and vectors' },
  popularity: { mode: 'refit', how: 'recounts on the new interactions' },
  'item-knn': { mode: 'refit', how: 'recounts co-occurrences on the new interactions' },
  content: { mode: 'none', how: 'content scores come from item features, not from training; train it again' },
  ncf: { mode: 'none', how: 'the neural model has no fold-in; train it again on all interactions' },
  hybrid: { mode: 'none', how: 'its members are fitted together; train it again on all interactions' },
};

/**
 * Forecasters refit on the new data: a run backtests and fits from its whole history in seconds, and moving a
 * fitted model's state on over newer points without a refit is what forecasting with newer history does
 * (forecast.predict's historyDatasetId; ETS and Theta filter the points, the others update their state).
 */
export const FORECAST_WARM_START: WarmStartRule = {
  mode: 'refit',
  how: 'refits on this run\'s series (forecasting from newer rows without a refit is lathe predict --history)',
};

/** What a continued run records and the run page shows. */
export interface WarmStartNote {
  /** The run whose model this run started from. */
  fromRunId: string;
  mode: Exclude<WarmStartMode, 'none'>;
  how: string;
}

/** What a run trains, compared with the run it continues from field by field. */
export interface WarmStartTarget {
  family: string;
  task: Task;
  target: string;
  /** Input columns, in any order. */
  features: readonly string[];
}

/**
 * The first difference between the run continued from and this run, in words that name the field or
 * column; null when it can continue. The host asks before a job starts, the engine again on the artifact.
 */
export function warmStartMismatch(from: WarmStartTarget, run: WarmStartTarget): string | null {
  if (from.family !== run.family) return `the run continued from is ${from.family}, this run is ${run.family}`;
  if (from.target !== run.target) return `the run continued from predicts '${from.target}', this run '${run.target}'`;
  if (from.task !== run.task) return `the run continued from is ${from.task}, this run is ${run.task}`;
  const mine = new Set(run.features);
  const missing = from.features.find((f) => !mine.has(f));
  if (missing !== undefined) return `this run has no feature column '${missing}', which the run continued from trained on`;
  const theirs = new Set(from.features);
  const extra = run.features.find((f) => !theirs.has(f));
  if (extra !== undefined) return `the column '${extra}' is not among the features the run continued from trained on (exclude it)`;
  const rule = (FAMILY_WARM_START as Record<string, WarmStartRule | undefined>)[run.family];
  if (!rule || rule.mode === 'none') return `${run.family} cannot continue from an earlier run${rule ? `: ${rule.how}` : ''}`;
  return null;
}
