import { defineFamily } from './define';

/**
 * 'auto' early stopping turns on when the training set has more than this many rows (the rows given
 * to the trainer, before the validation share is held out); smaller sets keep every row for the
 * trees and train every round. Lower than scikit-learn's 10,000 because our tree cap is higher
 * (1,000, not 100): measured with bench/gbdt/defaults.ts, 1,000 unstopped trees over-fit noisy sets
 * at every size from 300 to 5,000 rows (adult, 1,000 rows: log loss 0.58 against 0.36 with
 * stopping), while stopping cost the high-signal housing subsets 1–2 % RMSE. At this size the 5 %
 * held-out share is 50 rows.
 */
export const GBDT_AUTO_EARLY_STOPPING_ROWS = 1_000;

/**
 * How a gbdt run continues an earlier model (`warmStartFrom`) on its rows (a plan trains on the dataset's new
 * version, old rows and new together): the earlier trees' leaf values are first refitted on the training rows,
 * keeping `refitDecay` of each old value (models/gbdt/refit.ts), then trees are added at `learningRateScale`
 * times the run's learning rate until early stopping. Measured with bench/incremental on California housing
 * (bench/results/incremental.md): continuing without a refit stays 0.6-5 % behind a full retrain (in random
 * order early stopping adds no tree at all); this refit and half the learning rate come within 0.5 % in both
 * orders (3.3 % better in file order, 0.4 % worse in random order), training 1.7 and 0.55 times as long as the
 * retrain. No policy measured comes within 0.5 % in under 40 % of the retrain's time: walking the champion's
 * trees over every row and the rounds needed to catch up already exceed it (the report's floor column).
 */
export const GBDT_WARM_START = { refitDecay: 0.25, learningRateScale: 0.5 };

/** Histogram gradient boosting (our own engine, models/gbdt). */
export const gbdt = defineFamily({
  id: 'gbdt',
  label: 'Gradient boosted trees',
  description: 'Histogram gradient boosting: the strongest default for tables of mixed columns.',
  tasks: ['regression', 'binary', 'multiclass'],
  params: {
    trees: { kind: 'int', label: 'Trees', help: 'Boosting rounds (most; early stopping may end sooner).', default: 1000, min: 1, max: 100_000, form: true, sweep: { lo: 50, hi: 1000 } },
    maxDepth: { kind: 'int', label: 'Max depth', help: 'Deepest level of each tree; 0 = unlimited (leafwise growth).', default: 6, min: 0, max: 64, form: true, sweep: { lo: 3, hi: 8 } },
    learningRate: { kind: 'float', label: 'Learning rate', help: 'Shrinkage applied to each tree.', default: 0.1, min: 0, minOpen: true, max: 1, step: 0.01, form: true, sweep: { lo: 0.01, hi: 0.3, log: true } },
    minChildWeight: { kind: 'float', label: 'Min child weight', help: 'Least hessian sum in a leaf (rows, for squared loss).', default: 1, min: 0, max: 1e6, step: 0.1, form: true, sweep: { lo: 0.1, hi: 100, log: true } },
    l2: { kind: 'float', label: 'L2', help: 'Penalty on leaf values (lambda).', default: 1, min: 0, max: 1e6, step: 0.1, form: true, sweep: { lo: 0.001, hi: 100, log: true } },
    subsample: { kind: 'float', label: 'Row subsample', help: 'Share of rows drawn for each tree.', default: 1, min: 0, minOpen: true, max: 1, step: 0.05, form: true, sweep: { lo: 0.5, hi: 1 } },
    colsample: { kind: 'float', label: 'Column subsample', help: 'Share of columns drawn for each tree.', default: 1, min: 0, minOpen: true, max: 1, step: 0.05, form: true, sweep: { lo: 0.5, hi: 1 } },
    earlyStopping: { kind: 'enum', label: 'Early stopping', help: `Stop when the held-out rows' loss stalls and keep the best round: 'auto' = on above ${GBDT_AUTO_EARLY_STOPPING_ROWS.toLocaleString('en-US')} training rows.`, default: 'auto', choices: ['auto', 'on', 'off'] as const, form: true },
    earlyStoppingRounds: { kind: 'int', label: 'Patience', help: 'Rounds without improvement before stopping; 0 = off.', default: 50, min: 0, max: 10_000, form: true },
    validationFraction: { kind: 'float', label: 'Validation share', help: 'Share of training rows held out to decide when to stop.', default: 0.05, min: 0, minOpen: true, max: 0.5, step: 0.05 },
    growth: { kind: 'enum', label: 'Growth', help: 'depthwise (level by level) or leafwise (best leaf first).', default: 'depthwise', choices: ['depthwise', 'leafwise'] as const, sweep: { choices: ['depthwise', 'leafwise'] as const } },
    maxLeaves: { kind: 'int', label: 'Max leaves', help: 'Leaf budget per tree for leafwise growth.', default: 31, min: 2, max: 65_536, sweep: { lo: 8, hi: 256, log: true } },
    minSplitGain: { kind: 'float', label: 'Min split gain', help: 'Least loss reduction that makes a split (gamma).', default: 0, min: 0, max: 1e6 },
    maxBins: { kind: 'int', label: 'Bins', help: 'Histogram bins per numeric column.', default: 255, min: 2, max: 255 },
    loss: { kind: 'enum', label: 'Regression loss', help: 'squared, absolute or quantile (classification always uses log loss).', default: 'squared', choices: ['squared', 'absolute', 'quantile'] as const },
    quantileAlpha: { kind: 'float', label: 'Quantile', help: 'The quantile predicted by the quantile loss.', default: 0.5, min: 0, minOpen: true, max: 0.999 },
  },
  searchFirst: ['maxDepth', 'learningRate'],
  // Runs stored before early stopping became the default trained 200 trees, with stopping only
  // when they asked for patience (then on any size, on a 10 % share).
  fromStored: (stored) =>
    'earlyStopping' in stored
      ? { ...stored }
      : {
          trees: 200,
          earlyStoppingRounds: 0,
          validationFraction: 0.1,
          ...stored,
          earlyStopping: Number(stored.earlyStoppingRounds ?? 0) > 0 ? 'on' : 'off',
        },
  progressTotal: (p) => p.trees,
});
