/**
 * Lexicon sentiment of a text column summed up: overall, per time bucket and per group (means with
 * 95 % percentile-bootstrap intervals), the most positive and negative terms, and example texts for
 * each. Scores are computed afresh (the lexicon is deterministic, so they equal a scored dataset's).
 */
import { baseForm, bootstrapMean, exampleTexts, lexiconSentiment, sentimentByGroup, termSentiment, tokenize } from '../../../models/text';
import { bucketStart } from '../../../models/text/aggregates';
import type { ExampleTextDto, SentimentIntervalDto, SentimentLabelDto, TermDto, TextAggregatesDto, TimeBucketDto } from '../../../shared/api/text-dto';
import { groupColumn, textOf, timeColumn, timeOf } from '../../data/text/text-columns';
import { shorten } from '../../data/text/entity-columns';
import type { Task } from '../protocol';
import { forEachPage, openTextSource } from './source';

/** Groups listed at most; the rest are counted. */
export const MAX_GROUPS = 30;
const DAY_MS = 86_400_000;

/** Days up to 90 days of data, weeks up to two years, months beyond. */
export function autoBucket(times: ArrayLike<number>): TimeBucketDto {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i])) continue;
    lo = Math.min(lo, times[i]);
    hi = Math.max(hi, times[i]);
  }
  const days = hi >= lo ? (hi - lo) / DAY_MS : 0;
  return days <= 90 ? 'day' : days <= 731 ? 'week' : 'month';
}

interface Scored {
  rows: number[];
  texts: string[];
  scores: Float64Array;
}

function example(s: Scored, i: number): ExampleTextDto {
  return { row: s.rows[i], text: shorten(s.texts[i]), score: s.scores[i] };
}

/** Each key's mean and interval, with its highest- and lowest-scoring text. */
function withExamples(s: Scored, keys: readonly (string | null)[], stats: { key: string; n: number; mean: number; lo: number; hi: number }[]): SentimentIntervalDto[] {
  const ends = new Map<string, { best: number; worst: number }>();
  keys.forEach((k, i) => {
    if (k === null) return;
    const e = ends.get(k);
    if (!e) ends.set(k, { best: i, worst: i });
    else {
      if (s.scores[i] > s.scores[e.best]) e.best = i;
      if (s.scores[i] < s.scores[e.worst]) e.worst = i;
    }
  });
  return stats.map((g) => {
    const e = ends.get(g.key);
    return { ...g, positive: e ? example(s, e.best) : null, negative: e ? example(s, e.worst) : null };
  });
}

/** For each term, the text using it that scores furthest in the term's direction. */
function termExamples(s: Scored, terms: { term: string; documents: number; mean: number }[], sign: 1 | -1): TermDto[] {
  const best = new Map<string, number>();
  const wanted = new Set(terms.map((t) => t.term));
  s.texts.forEach((text, i) => {
    for (const w of new Set(tokenize(text, { removeStopWords: true, keepEmphasis: false }).map(baseForm))) {
      if (!wanted.has(w)) continue;
      const b = best.get(w);
      if (b === undefined || sign * s.scores[i] > sign * s.scores[b]) best.set(w, i);
    }
  });
  return terms.map((t) => ({ ...t, example: best.has(t.term) ? example(s, best.get(t.term)!) : null }));
}

export const aggregatesTask: Task<'text.aggregates'> = async (args, ctx) => {
  const src = openTextSource(ctx, args.datasetId, args.text);
  try {
    const { detail } = src;
    const time = args.time !== undefined ? timeColumn(detail, args.time) : null;
    const by = args.by !== undefined ? groupColumn(detail, args.by) : null;
    const positions = [src.text.position, time?.position ?? src.text.position, by?.position ?? src.text.position];
    const s: Scored = { rows: [], texts: [], scores: new Float64Array(0) };
    const scores: number[] = [];
    const times: number[] = [];
    const groups: (string | null)[] = [];
    const labels: Record<SentimentLabelDto, number> = { positive: 0, negative: 0, neutral: 0 };
    const finished = forEachPage(src, positions, ctx, (rows, offset, done) => {
      rows.forEach((r, i) => {
        const text = textOf(r[0]);
        if (text === null) return;
        const scored = lexiconSentiment(text);
        labels[scored.label]++;
        s.rows.push(offset + i + 1);
        s.texts.push(text);
        scores.push(scored.score);
        if (time) times.push(timeOf(r[1]));
        if (by) groups.push(r[2] === null ? null : String(r[2]));
      });
      ctx.progress(0.6 * done, 'scoring texts');
    });
    if (!finished) return null;
    s.scores = Float64Array.from(scores);

    let timeResult: TextAggregatesDto['time'] = null;
    if (time) {
      const bucket = args.bucket === 'auto' ? autoBucket(times) : args.bucket;
      const keys = times.map((t) => (Number.isFinite(t) ? bucketStart(t, bucket) : null));
      const stats = sentimentByGroup(s.scores, keys).sort((a, b) => (a.key < b.key ? -1 : 1));
      timeResult = { column: time.name, bucket, points: withExamples(s, keys, stats), skipped: keys.filter((k) => k === null).length };
    }
    ctx.progress(0.75, 'groups');
    let groupResult: TextAggregatesDto['groups'] = null;
    if (by) {
      const stats = sentimentByGroup(s.scores, groups);
      groupResult = { column: by.name, groups: withExamples(s, groups, stats.slice(0, MAX_GROUPS)), more: Math.max(0, stats.length - MAX_GROUPS) };
    }
    if (ctx.cancelled()) return null;
    ctx.progress(0.85, 'terms');
    const ranked = termSentiment(s.texts, s.scores, { minDocuments: args.minDocuments });
    const positive = ranked.filter((t) => t.mean > 0).slice(0, args.terms);
    const negative = ranked.filter((t) => t.mean < 0).reverse().slice(0, args.terms);
    // Texts repeated word for word (retweets, stock replies) are shown once; each end keeps its own sign.
    const ends = exampleTexts(s.scores, s.scores.length);
    const distinct = (order: number[], sign: 1 | -1) => {
      const seen = new Set<string>();
      const out: number[] = [];
      for (const i of order) {
        if (out.length >= args.examples || sign * s.scores[i] <= 0) break;
        if (!seen.has(s.texts[i])) out.push(i);
        seen.add(s.texts[i]);
      }
      return out;
    };
    const overall = bootstrapMean(s.scores);
    const result: TextAggregatesDto = {
      dataset: { id: detail.id, name: detail.name },
      text: src.text.name,
      rows: detail.rows,
      scored: s.scores.length,
      overall: { n: s.scores.length, ...overall },
      labels,
      time: timeResult,
      groups: groupResult,
      terms: { positive: termExamples(s, positive, 1), negative: termExamples(s, negative, -1) },
      examples: { positive: distinct(ends.positive, 1).map((i) => example(s, i)), negative: distinct(ends.negative, -1).map((i) => example(s, i)) },
    };
    return result;
  } finally {
    src.db.close();
  }
};
