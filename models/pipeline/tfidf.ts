/** TF-IDF for free-text columns: lower-cased letter/digit tokens of length >= 2. */

export interface TfidfOptions {
  maxFeatures: number;
  minDf: number;
}

export interface TfidfState {
  vocabulary: string[];
  idf: number[];
}

const TOKEN = /[\p{L}\p{N}]{2,}/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Vocabulary = tokens with document frequency >= minDf, the `maxFeatures` most frequent (ties alphabetical). */
export function fitTfidf(docs: (string | null)[], rows: ArrayLike<number>, opts: TfidfOptions): TfidfState {
  const df = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const doc = docs[rows[i]];
    if (doc === null) continue;
    for (const tok of new Set(tokenize(doc))) df.set(tok, (df.get(tok) ?? 0) + 1);
  }
  const kept = [...df.entries()]
    .filter(([, c]) => c >= opts.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.maxFeatures);
  const n = rows.length;
  // Smoothed idf, as if one extra document contained every token.
  return { vocabulary: kept.map(([t]) => t), idf: kept.map(([, c]) => Math.log((1 + n) / (1 + c)) + 1) };
}

/** Writes L2-normalised tf-idf rows into `out` at columns offset..offset+vocab-1 of a row-major matrix. */
export function writeTfidf(
  docs: (string | null)[],
  state: TfidfState,
  out: Float32Array,
  stride: number,
  offset: number,
): void {
  const index = new Map<string, number>();
  state.vocabulary.forEach((t, i) => index.set(t, i));
  const v = state.vocabulary.length;
  const row = new Float64Array(v);
  for (let r = 0; r < docs.length; r++) {
    const doc = docs[r];
    if (doc === null || v === 0) continue;
    row.fill(0);
    for (const tok of tokenize(doc)) {
      const j = index.get(tok);
      if (j !== undefined) row[j] += 1;
    }
    let norm = 0;
    for (let j = 0; j < v; j++) {
      row[j] *= state.idf[j];
      norm += row[j] * row[j];
    }
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    const base = r * stride + offset;
    for (let j = 0; j < v; j++) out[base + j] = row[j] / norm;
  }
}
