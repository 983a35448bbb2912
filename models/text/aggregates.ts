/**
 * Summaries of per-text sentiment scores for reports and the explorer: the mean over time buckets or per
 * group with percentile-bootstrap intervals, the terms whose texts score highest and lowest, and
 * example texts at both ends.
 */
import { mulberry32 } from '../split/prng';
import { baseForm, tokenize } from './tokenize';

export interface GroupSentiment {
  key: string;
  n: number;
  mean: number;
  /** Percentile bootstrap interval of the mean (equal to the mean for a single text). */
  lo: number;
  hi: number;
}

export interface BootstrapOptions { resamples: number; level: number; seed: number }
const BOOT: BootstrapOptions = { resamples: 1000, level: 0.95, seed: 42 };

/** Mean with a percentile bootstrap interval. */
export function bootstrapMean(values: ArrayLike<number>, options: Partial<BootstrapOptions> = {}): { mean: number; lo: number; hi: number } {
  const { resamples, level, seed } = { ...BOOT, ...options };
  const n = values.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, lo: mean, hi: mean };
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)];
    means[b] = s / n;
  }
  means.sort();
  const q = (p: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(p * (resamples - 1))))];
  return { mean, lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2) };
}

/** Mean score per group, groups by size (largest first). */
export function sentimentByGroup(scores: ArrayLike<number>, groups: ArrayLike<string | null>, options: Partial<BootstrapOptions> = {}): GroupSentiment[] {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const g = groups[i];
    if (g === null || Number.isNaN(scores[i])) continue;
    const list = byKey.get(g) ?? [];
    list.push(scores[i]);
    byKey.set(g, list);
  }
  return [...byKey]
    .map(([key, v]) => ({ key, n: v.length, ...bootstrapMean(v, options) }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
}

export type TimeBucket = 'day' | 'week' | 'month';

/** UTC start of the bucket holding `ms` (weeks start on Monday), as YYYY-MM-DD. */
export function bucketStart(ms: number, bucket: TimeBucket): string {
  const d = new Date(ms);
  if (bucket === 'month') d.setUTCDate(1);
  if (bucket === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Mean score per time bucket, in time order; `times` are epoch milliseconds (NaN skipped). */
export function sentimentOverTime(scores: ArrayLike<number>, times: ArrayLike<number>, bucket: TimeBucket, options: Partial<BootstrapOptions> = {}): GroupSentiment[] {
  const keys = Array.from({ length: scores.length }, (_, i) => (Number.isFinite(times[i]) ? bucketStart(times[i], bucket) : null));
  return sentimentByGroup(scores, keys, options).sort((a, b) => (a.key < b.key ? -1 : 1));
}

export interface TermSentiment { term: string; documents: number; mean: number }

/**
 * Mean score of the texts containing each word (NEG_ marks removed), for words in at least minDocuments
 * texts: the most positive first. The reverse end of the list is the most negative.
 */
export function termSentiment(texts: string[], scores: ArrayLike<number>, opts: { minDocuments?: number; stopWords?: boolean } = {}): TermSentiment[] {
  const { minDocuments = 3, stopWords = true } = opts;
  const sums = new Map<string, { n: number; s: number }>();
  texts.forEach((t, i) => {
    const words = new Set(tokenize(t, { removeStopWords: stopWords, keepEmphasis: false }).map(baseForm));
    for (const w of words) {
      const a = sums.get(w) ?? { n: 0, s: 0 };
      a.n++;
      a.s += scores[i];
      sums.set(w, a);
    }
  });
  return [...sums]
    .filter(([, a]) => a.n >= minDocuments)
    .map(([term, a]) => ({ term, documents: a.n, mean: a.s / a.n }))
    .sort((a, b) => b.mean - a.mean || b.documents - a.documents || (a.term < b.term ? -1 : 1));
}

/** Indices of the k highest- and lowest-scoring texts (ties: earlier text first). */
export function exampleTexts(scores: ArrayLike<number>, k = 5): { positive: number[]; negative: number[] } {
  const idx = Array.from({ length: scores.length }, (_, i) => i).filter((i) => !Number.isNaN(scores[i]));
  const desc = [...idx].sort((a, b) => scores[b] - scores[a] || a - b);
  const asc = [...idx].sort((a, b) => scores[a] - scores[b] || a - b);
  return { positive: desc.slice(0, k), negative: asc.slice(0, k) };
}
