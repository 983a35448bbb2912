export type SeasonalType = 'additive' | 'multiplicative';

/**
 * Seasonal indices of classical decomposition (R's decompose): a centred moving average of one season
 * (2×m for even m) as the trend, then the average detrended value at each position of the season,
 * normalised to sum 0 (additive) or average 1 (multiplicative). indices[j] belongs to y[j], y[j + m], ….
 * Missing values are skipped. Needs at least two seasons.
 */
export function seasonalIndices(y: ArrayLike<number>, m: number, type: SeasonalType): Float64Array {
  const n = y.length;
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Int32Array(m);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (m % 2 === 0) {
      trend = (y[t - half] + y[t + half]) / 2;
      for (let k = -half + 1; k < half; k++) trend += y[t + k];
    } else {
      for (let k = -half; k <= half; k++) trend += y[t + k];
    }
    trend /= m;
    const detrended = type === 'additive' ? y[t] - trend : y[t] / trend;
    if (!Number.isFinite(detrended)) continue;
    sums[t % m] += detrended;
    counts[t % m]++;
  }
  const idx = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : type === 'additive' ? 0 : 1));
  let centre = 0;
  for (const v of idx) centre += v / m;
  return idx.map((v) => (type === 'additive' ? v - centre : v / centre));
}

/**
 * The seasonality test of the Theta method (Assimakopoulos & Nikolopoulos, as in R's thetaf): the lag-m
 * autocorrelation exceeds its 90 % one-sided critical value under Bartlett's variance of the lower lags.
 */
export function isSeasonal(y: ArrayLike<number>, m: number): boolean {
  if (m < 2 || y.length <= 2 * m) return false;
  const r = autocorrelations(y, m);
  let s = 0;
  for (let k = 1; k < m; k++) s += r[k] * r[k];
  return Math.abs(r[m]) > 1.6448536269514722 * Math.sqrt((1 + 2 * s) / y.length);
}

/** Sample autocorrelations r[0..maxLag] (missing values left out of the sums). */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(y[t])) continue;
    mean += y[t];
    count++;
  }
  mean /= count;
  const dev = (t: number) => (Number.isNaN(y[t]) ? 0 : y[t] - mean);
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += dev(t) ** 2;
  const r = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let c = 0;
    for (let t = k; t < n; t++) c += dev(t) * dev(t - k);
    r[k] = c0 > 0 ? c / c0 : 0;
  }
  return r;
}
