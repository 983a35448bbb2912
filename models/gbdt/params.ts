/** Hyper-parameters of the histogram gradient boosting trainer. */
export type GbdtLoss = 'squared' | 'absolute' | 'quantile' | 'logloss' | 'softmax';
export type Growth = 'depthwise' | 'leafwise';

export interface GbdtParams {
  /** Boosting rounds (for softmax each round adds one tree per class). */
  trees: number;
  /** Maximum depth; 0 = unlimited (only sensible with leafwise growth). Applies to both growth modes. */
  maxDepth: number;
  /** Leaf budget per tree for leafwise (best-first) growth; depthwise ignores it. */
  maxLeaves: number;
  growth: Growth;
  learningRate: number;
  /** Minimum hessian sum in each child (equals the row count for squared loss). */
  minChildWeight: number;
  /** L2 penalty (lambda) on leaf values. */
  l2: number;
  /** Minimum loss reduction required to split. */
  minSplitGain: number;
  /** Row fraction sampled without replacement per tree. */
  subsample: number;
  /** Feature fraction sampled per tree. */
  colsample: number;
  maxBins: number;
  /** Stop when the validation loss has not improved for this many rounds; 0 = off. */
  earlyStoppingRounds: number;
  /** Share of training rows held out for early stopping when no validation set is given. */
  validationFraction: number;
  loss: GbdtLoss;
  quantileAlpha: number;
  /** Number of classes, only for softmax (inferred from labels when 0). */
  numClasses: number;
  seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  trees: 200,
  maxDepth: 6,
  maxLeaves: 31,
  growth: 'depthwise',
  learningRate: 0.1,
  minChildWeight: 1,
  l2: 1,
  minSplitGain: 0,
  subsample: 1,
  colsample: 1,
  maxBins: 255,
  earlyStoppingRounds: 0,
  validationFraction: 0.1,
  loss: 'squared',
  quantileAlpha: 0.5,
  numClasses: 0,
  seed: 0,
};

export function resolveGbdtParams(p: Partial<GbdtParams> = {}): GbdtParams {
  const out: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...p };
  const check = (ok: boolean, msg: string) => {
    if (!ok) throw new Error(`invalid gbdt params: ${msg}`);
  };
  check(Number.isInteger(out.trees) && out.trees >= 1, 'trees must be a positive integer');
  check(Number.isInteger(out.maxDepth) && out.maxDepth >= 0, 'maxDepth must be >= 0');
  check(Number.isInteger(out.maxLeaves) && out.maxLeaves >= 2, 'maxLeaves must be >= 2');
  check(out.learningRate > 0, 'learningRate must be > 0');
  check(out.subsample > 0 && out.subsample <= 1, 'subsample must be in (0, 1]');
  check(out.colsample > 0 && out.colsample <= 1, 'colsample must be in (0, 1]');
  check(Number.isInteger(out.maxBins) && out.maxBins >= 2 && out.maxBins <= 255, 'maxBins must be in [2, 255]');
  check(out.quantileAlpha > 0 && out.quantileAlpha < 1, 'quantileAlpha must be in (0, 1)');
  check(out.l2 >= 0 && out.minChildWeight >= 0, 'l2 and minChildWeight must be >= 0');
  return out;
}
