import type { MAPE_UNIT } from '../../shared/metric-units';

/** Regression metrics. mape skips rows whose true value is 0 and is a fraction ({@link MAPE_UNIT}: 0.1 = 10 %). */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
  mape: number;
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const n = yTrue.length;
  if (n !== yPred.length) throw new Error('length mismatch');
  let abs = 0, sq = 0, mean = 0, ape = 0, apeN = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const d = yPred[i] - yTrue[i];
    abs += Math.abs(d);
    sq += d * d;
    tot += (yTrue[i] - mean) ** 2;
    if (yTrue[i] !== 0) {
      ape += Math.abs(d / yTrue[i]);
      apeN++;
    }
  }
  return {
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    r2: tot > 0 ? 1 - sq / tot : NaN,
    mape: apeN ? ape / apeN : NaN,
  };
}
