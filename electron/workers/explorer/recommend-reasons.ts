/**
 * Why an item is on a list, in words people read: the model's own reason with item ids turned into their
 * titles, else the liked item nearest in the model's item space, the stated preferences an item matches,
 * the features two similar items share, or how popular it is.
 */
import { relevanceThreshold } from '../../../models/recommend/ranking';
import type { Reason } from '../../../models/recommend/types';
import type { RecommendModel } from './recommend-model';

/** History items compared with a candidate for a "because you liked" reason. */
const NEAREST_FROM = 50;

export function labelOf(m: RecommendModel, item: number): string | null {
  return m.labels?.[item] ?? null;
}

/** An item as people know it: its title, else its id. */
export function nameOf(m: RecommendModel, item: number): string {
  return labelOf(m, item) ?? m.data.items[item];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The model's reason with each item id it points at replaced by the item's title. */
function relabel(m: RecommendModel, r: Reason): string {
  let text = r.text;
  for (const item of r.items ?? []) {
    const label = labelOf(m, item);
    if (label) text = text.replace(new RegExp(`(^|[^\\w])${escape(m.data.items[item])}(?![\\w])`), (_, pre: string) => `${pre}${label}`);
  }
  return text;
}

function cosine(v: Float32Array, dim: number, a: number, b: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let c = 0; c < dim; c++) {
    const x = v[a * dim + c];
    const y = v[b * dim + c];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The user's liked item nearest to `item` among their best-valued ones, by the model's item vectors. */
function nearestLiked(m: RecommendModel, user: number, item: number): string | null {
  const vectors = m.model.itemVectors?.() ?? null;
  if (!vectors) return null;
  const cut = relevanceThreshold(m.data);
  const { start, item: its, value } = m.rows;
  const liked: number[] = [];
  for (let p = start[user]; p < start[user + 1]; p++) if (value[p] >= cut && its[p] < m.model.items.length) liked.push(p);
  liked.sort((a, b) => value[b] - value[a]);
  let best = -1;
  let bestCos = 0;
  for (const p of liked.slice(0, NEAREST_FROM)) {
    const c = cosine(vectors.data, vectors.dim, its[p], item);
    if (c > bestCos) {
      bestCos = c;
      best = p;
    }
  }
  if (best < 0) return null;
  return m.data.explicit ? `Because you rated ${nameOf(m, its[best])} highly (${value[best]})` : `Because you liked ${nameOf(m, its[best])}`;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** For a user the model knows. */
export function knownUserReason(m: RecommendModel, user: number, item: number, score: number): string {
  const own = m.model.reason?.(user, item);
  if (own) return relabel(m, own);
  // The ranking score is not a rating (mf blends in an interaction model): a rating comes from predict.
  const rates = m.data.explicit && m.model.predictsRatings !== false;
  return nearestLiked(m, user, item) ?? (rates ? `Predicted rating ${fmt(m.model.predict(user, item))}` : `Score ${fmt(score)}`);
}

export function popularReason(m: RecommendModel, item: number, where: string | null): string {
  const n = m.itemCounts[item] ?? 0;
  const what = m.data.explicit ? 'rating' : 'interaction';
  return `Popular${where ? ` ${where}` : ''}: ${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
}

/** The values of an item's feature column as lower-case words (a category, tags, or the words of a text). */
function valuesOf(m: RecommendModel, column: string, item: number): string[] {
  const f = m.itemFeatures?.features;
  if (!f) return [];
  const cat = f.categories[column]?.[item];
  if (cat) return [cat.toLowerCase()];
  const tags = f.tags[column]?.[item];
  if (tags) return tags.map((t) => t.toLowerCase());
  const text = f.text[column]?.[item];
  return text ? text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean) : [];
}

function columnsOf(m: RecommendModel): string[] {
  const f = m.itemFeatures?.features;
  return f ? [...Object.keys(f.categories), ...Object.keys(f.tags)] : [];
}

/** "genre: fantasy · tags: classic": the stated preferences this item matches. */
export function preferenceReason(m: RecommendModel, item: number, prefer: Readonly<Record<string, string[]>>): string | null {
  const parts: string[] = [];
  const f = m.itemFeatures?.features;
  for (const [key, wanted] of Object.entries(prefer)) {
    const columns = key === 'tags' && !f?.tags.tags ? Object.keys(f?.tags ?? {}) : key === 'text' || key === 'words' ? Object.keys(f?.text ?? {}) : [key];
    const have = new Set(columns.flatMap((c) => valuesOf(m, c, item)));
    const hits = wanted.filter((w) => have.has(w.toLowerCase()));
    if (hits.length) parts.push(`${key}: ${hits.join(', ')}`);
  }
  return parts.length ? parts.join(' · ') : null;
}

/** A value most items hold (a language nearly all books share) says nothing about why two items are alike. */
const COMMON_SHARE = 0.5;
const commonValues = new WeakMap<RecommendModel, Set<string>>();

function common(m: RecommendModel): Set<string> {
  let out = commonValues.get(m);
  if (out) return out;
  out = new Set();
  const n = m.model.items.length;
  for (const column of columnsOf(m)) {
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) for (const v of new Set(valuesOf(m, column, i))) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, c] of counts) if (c > COMMON_SHARE * n) out.add(`${column}\u0000${v}`);
  }
  commonValues.set(m, out);
  return out;
}

/** "shares genre: fantasy · tags: classic, new": what two items have in common that most items do not. */
export function sharedReason(m: RecommendModel, a: number, b: number, similarity: number): string {
  const parts: string[] = [];
  const usual = common(m);
  for (const column of columnsOf(m)) {
    const mine = new Set(valuesOf(m, column, a));
    const both = valuesOf(m, column, b).filter((v) => mine.has(v) && !usual.has(`${column}\u0000${v}`));
    if (both.length) parts.push(`${column}: ${both.slice(0, 4).join(', ')}`);
  }
  return `Similarity ${similarity.toFixed(2)}${parts.length ? `; shares ${parts.join(' · ')}` : ''}`;
}
