/**
 * Item vectors of the content model. Each item is two blocks, each L2-normalised on its own, the first
 * weighted by textWeight, then the whole row L2-normalised (so a dot product is a cosine):
 * - terms: TF-IDF (sublinear tf 1 + ln c, smoothed idf ln((1 + n) / (1 + df)) + 1, as scikit-learn) of
 *   the words of every free-text column (models/text's tokenizer, stop words and placeholders dropped)
 *   and of every tag, a tag counting as one term of its column; the maxTerms terms found in most items;
 * - attributes: one-hot categories (1 per column) and z-scored numbers clipped at ±3 sd and scaled by
 *   NUMBER_SCALE (a missing number counts as the mean). A number is one signed dimension, so at full weight
 *   two items merely on the same side of the mean would look as alike as two of one genre; scaled, numbers
 *   only separate items that are otherwise alike.
 * Features are named `w:word`, `t:column:tag`, `c:column:value`, `n:column`, which is how stated
 * preferences and reasons find them.
 */
import { tokenize } from '../text/tokenize';
import type { ItemFeatures } from './types';

/** Item vectors as CSR rows over `features`. */
export interface ItemMatrix {
  features: string[];
  indptr: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

/** A z-score of 3 weighs half a category. */
const NUMBER_SCALE = 1 / 6;

const TOKENS = { markNegation: false, removeStopWords: true, keepEmphasis: false } as const;

/** The words of a text as the model counts them (lower case, no stop words or placeholders). */
export function words(text: string): string[] {
  return tokenize(text, TOKENS).filter((t) => !t.startsWith('<') && /[\p{L}\p{N}]/u.test(t));
}

export const normTag = (tag: string): string => tag.trim().toLowerCase();

function termsOf(f: ItemFeatures, i: number): string[] {
  const out: string[] = [];
  for (const col of Object.keys(f.text).sort()) {
    const text = f.text[col][i];
    if (text) for (const w of words(text)) out.push(`w:${w}`);
  }
  for (const col of Object.keys(f.tags).sort()) {
    for (const tag of f.tags[col][i] ?? []) if (normTag(tag)) out.push(`t:${col}:${normTag(tag)}`);
  }
  return out;
}

function l2(row: Map<number, number>, weight: number): void {
  let s = 0;
  for (const v of row.values()) s += v * v;
  if (s === 0) return;
  const k = weight / Math.sqrt(s);
  for (const [j, v] of row) row.set(j, v * k);
}

export function buildItemMatrix(f: ItemFeatures, nItems: number, textWeight: number, maxTerms: number): ItemMatrix {
  const terms = Array.from({ length: nItems }, (_, i) => termsOf(f, i));
  const df = new Map<string, number>();
  for (const t of terms) for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
  const vocab = [...df.keys()].sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : 1)).slice(0, maxTerms).sort();
  const features = [...vocab];
  const column = new Map(vocab.map((t, j) => [t, j]));
  const idf = vocab.map((t) => Math.log((1 + nItems) / (1 + df.get(t)!)) + 1);

  const catCols = Object.keys(f.categories).sort();
  for (const col of catCols) {
    const values = new Set<string>();
    for (let i = 0; i < nItems; i++) { const v = f.categories[col][i]; if (v != null && v !== '') values.add(v); }
    for (const v of [...values].sort()) { column.set(`c:${col}:${v}`, features.length); features.push(`c:${col}:${v}`); }
  }
  const numCols = Object.keys(f.numbers).sort();
  const stats = numCols.map((col) => {
    const xs = [...f.numbers[col].subarray(0, nItems)].filter(Number.isFinite);
    const mean = xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length || 1));
    column.set(`n:${col}`, features.length);
    features.push(`n:${col}`);
    return { col, mean, sd };
  });

  const indptr = new Int32Array(nItems + 1);
  const index: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < nItems; i++) {
    const text = new Map<number, number>();
    const counts = new Map<number, number>();
    for (const t of terms[i]) { const j = column.get(t); if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1); }
    for (const [j, c] of counts) text.set(j, (1 + Math.log(c)) * idf[j]);
    l2(text, textWeight);
    const attrs = new Map<number, number>();
    for (const col of catCols) {
      const v = f.categories[col][i];
      if (v != null && v !== '') attrs.set(column.get(`c:${col}:${v}`)!, 1);
    }
    for (const s of stats) {
      const x = f.numbers[s.col][i];
      if (Number.isFinite(x) && s.sd > 0 && x !== s.mean) attrs.set(column.get(`n:${s.col}`)!, NUMBER_SCALE * Math.max(-3, Math.min(3, (x - s.mean) / s.sd)));
    }
    l2(attrs, 1);
    const row = new Map([...text, ...attrs]);
    l2(row, 1);
    for (const [j, v] of [...row].sort((a, b) => a[0] - b[0])) { if (v !== 0) { index.push(j); value.push(v); } }
    indptr[i + 1] = index.length;
  }
  return { features, indptr, index: Int32Array.from(index), value: Float32Array.from(value) };
}

/** Dot products of a dense vector with every item row. */
export function dotAll(m: ItemMatrix, dense: Float32Array, out: Float32Array): Float32Array {
  for (let i = 0; i + 1 < m.indptr.length; i++) {
    let s = 0;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) s += dense[m.index[p]] * m.value[p];
    out[i] = s;
  }
  return out;
}

/** Adds w × row i to a dense vector. */
export function addRow(m: ItemMatrix, i: number, w: number, dense: Float32Array): void {
  for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) dense[m.index[p]] += w * m.value[p];
}

/** Scales a dense vector to unit length; false when it is all zeros. */
export function unit(dense: Float32Array): boolean {
  let s = 0;
  for (let j = 0; j < dense.length; j++) s += dense[j] * dense[j];
  if (s === 0) return false;
  const k = 1 / Math.sqrt(s);
  for (let j = 0; j < dense.length; j++) dense[j] *= k;
  return true;
}

/** A numeric bound stated as a preference: "50" or "<=50" (at most), ">=10" (at least), "10..50" (between). */
export function parseBound(text: string): { lo: number; hi: number } | null {
  const t = text.replace(/\s+/g, '').replace('≤', '<=').replace('≥', '>=');
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(t);
  if (range) return { lo: Number(range[1]), hi: Number(range[2]) };
  const m = /^(<=|<|>=|>)?(-?[\d.]+)$/.exec(t);
  if (!m || !Number.isFinite(Number(m[2]))) return null;
  const x = Number(m[2]);
  return m[1]?.startsWith('>') ? { lo: x, hi: Infinity } : { lo: -Infinity, hi: x };
}

/**
 * Stated preferences → a preference vector over the features and numeric bounds. A key naming a category
 * column selects its values; a tag column, its tags; `tags` (when no column has that name) a tag in any tag
 * column; `text` or `words`, the words; a number column, a bound (see parseBound). Values are matched
 * without regard to case; keys and values that match nothing are ignored.
 */
export function preferenceVector(
  features: readonly string[],
  numberCols: readonly string[],
  prefer: Readonly<Record<string, string[]>>,
): { vector: Float32Array; matched: number; bounds: { col: string; lo: number; hi: number }[] } {
  const vector = new Float32Array(features.length);
  const bounds: { col: string; lo: number; hi: number }[] = [];
  const cols = new Set(features.map((f) => (f.startsWith('c:') || f.startsWith('t:') ? f.slice(0, f.indexOf(':', 2)) : '')));
  let matched = 0;
  for (const [key, values] of Object.entries(prefer)) {
    if (numberCols.includes(key)) {
      for (const v of values) { const b = parseBound(v); if (b) bounds.push({ col: key, ...b }); }
      continue;
    }
    const wanted = new Set(values.flatMap((v) => (key === 'text' || key === 'words' ? words(v).map((w) => `w:${w}`) : [v])).map(normTag));
    const anyTag = key === 'tags' && !cols.has('t:tags');
    features.forEach((f, j) => {
      let hit = false;
      if (key === 'text' || key === 'words') hit = f.startsWith('w:') && wanted.has(f);
      else if (f.startsWith(`c:${key}:`) || f.startsWith(`t:${key}:`)) hit = wanted.has(normTag(f.slice(key.length + 3)));
      else if (anyTag && f.startsWith('t:')) hit = wanted.has(f.slice(f.indexOf(':', 2) + 1));
      if (hit) { vector[j] = 1; matched++; }
    });
  }
  return { vector, matched, bounds };
}

/** A feature's name for people: "tags: live" style pieces are grouped by the caller. */
export function featureLabel(feature: string): { group: string; label: string } {
  if (feature.startsWith('w:')) return { group: 'words', label: feature.slice(2) };
  if (feature.startsWith('n:')) return { group: feature.slice(2), label: 'similar' };
  const at = feature.indexOf(':', 2);
  return { group: feature.slice(2, at), label: feature.slice(at + 1) };
}
