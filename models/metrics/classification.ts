/**
 * Classification metrics. Labels are class indices 0..K-1; `probs` is
 * row-major n x K (for binary, K = 2 or a single column holding P(class 1)).
 * Binary precision/recall/f1 are for class 1; multiclass ones are macro
 * averages; multiclass auc/prAuc are one-vs-rest macro averages.
 * prAuc is average precision (step-wise area under the PR curve).
 */
export interface ClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
  prAuc: number;
  logloss: number;
}

/** Ranks with ties averaged (1-based). */
function averageRanks(scores: ArrayLike<number>): Float64Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]] = r;
    i = j + 1;
  }
  return ranks;
}

/** ROC AUC via the Mann-Whitney statistic; NaN when one class is absent. */
export function rocAuc(positive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const ranks = averageRanks(scores);
  let nPos = 0, sum = 0;
  for (let i = 0; i < ranks.length; i++) {
    if (positive[i]) {
      nPos++;
      sum += ranks[i];
    }
  }
  const nNeg = ranks.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (sum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Average precision: sum over distinct thresholds of (recall step) x precision. */
export function averagePrecision(positive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let nPos = 0;
  for (let i = 0; i < n; i++) if (positive[i]) nPos++;
  if (nPos === 0) return NaN;
  let tp = 0, fp = 0, ap = 0, prevRecall = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    // Tied scores form one threshold.
    while (j < n && scores[order[j]] === scores[order[i]]) {
      if (positive[order[j]]) tp++;
      else fp++;
      j++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
    i = j;
  }
  return ap;
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, K: number): number[][] {
  const m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

/** Expands binary single-column probabilities to n x 2. */
export function toClassProbs(probs: ArrayLike<number>, n: number, K: number): Float64Array {
  if (probs.length === n * K) return Float64Array.from(probs);
  if (K === 2 && probs.length === n) {
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      out[2 * i] = 1 - probs[i];
      out[2 * i + 1] = probs[i];
    }
    return out;
  }
  throw new Error('probabilities do not match row count and classes');
}

export function argmaxRows(probs: Float64Array, K: number): Int32Array {
  const n = probs.length / K;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[i * K + k] > probs[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

export function classificationMetrics(yTrue: ArrayLike<number>, probsIn: ArrayLike<number>, K: number): ClassificationMetrics {
  const n = yTrue.length;
  const probs = toClassProbs(probsIn, n, K);
  const pred = argmaxRows(probs, K);
  const cm = confusionMatrix(yTrue, pred, K);
  let correct = 0, ll = 0;
  for (let i = 0; i < n; i++) {
    if (pred[i] === yTrue[i]) correct++;
    ll -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, probs[i * K + yTrue[i]])));
  }
  const prec = (k: number) => {
    let col = 0;
    for (let t = 0; t < K; t++) col += cm[t][k];
    return col ? cm[k][k] / col : 0;
  };
  const rec = (k: number) => {
    const row = cm[k].reduce((a, b) => a + b, 0);
    return row ? cm[k][k] / row : 0;
  };
  const f1 = (k: number) => {
    const p = prec(k), r = rec(k);
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  const classes = K === 2 ? [1] : Array.from({ length: K }, (_, k) => k);
  const mean = (f: (k: number) => number) => {
    const vals = classes.map(f).filter((v) => !Number.isNaN(v));
    return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : NaN;
  };
  const oneVsRest = (k: number, metric: typeof rocAuc) => {
    const pos = Array.from({ length: n }, (_, i) => yTrue[i] === k);
    const s = Float64Array.from({ length: n }, (_, i) => probs[i * K + k]);
    return metric(pos, s);
  };
  return {
    accuracy: correct / n,
    precision: mean(prec),
    recall: mean(rec),
    f1: mean(f1),
    auc: mean((k) => oneVsRest(k, rocAuc)),
    prAuc: mean((k) => oneVsRest(k, averagePrecision)),
    logloss: ll / n,
  };
}

export interface CalibrationBin {
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}

/** Reliability curve for binary probabilities: equal-width bins over [0, 1]; empty bins omitted. */
export function calibrationCurve(yTrue: ArrayLike<number>, p: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const sumP = new Float64Array(bins), sumY = new Float64Array(bins), cnt = new Float64Array(bins);
  for (let i = 0; i < yTrue.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i] * bins)));
    sumP[b] += p[i];
    sumY[b] += yTrue[i] === 1 ? 1 : 0;
    cnt[b]++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (cnt[b]) out.push({ meanPredicted: sumP[b] / cnt[b], fractionPositive: sumY[b] / cnt[b], count: cnt[b] });
  }
  return out;
}
