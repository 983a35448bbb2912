/**
 * TF-IDF of word n-grams and word-bounded character n-grams, as scikit-learn's TfidfVectorizer computes it:
 * smoothed idf ln((1 + n) / (1 + df)) + 1, optional sublinear tf 1 + ln(tf), l2 norm, min_df / max_df,
 * max_features by corpus frequency, vocabulary in sorted order. The word and char blocks are normalised
 * separately (as a FeatureUnion of two vectorizers would), words first. Output is CSR.
 */
import { analyze, type Analysis, type NgramRange, type TokenizerSetting } from './analyze';
import { csrFromRows, type Csr } from './sparse';

export interface TfidfConfig {
  tokenizer: TokenizerSetting;
  word: NgramRange | null;
  char: NgramRange | null;
  sublinearTf: boolean;
  useIdf: boolean;
  /** Count presence (1) instead of occurrences. */
  binary: boolean;
  norm: 'l2' | 'none';
  /** At least this many documents (>= 1) or this share of them (< 1). */
  minDf: number;
  /** At most this share of documents (<= 1) or this many (> 1). */
  maxDf: number;
  /** Per block: keep the most frequent terms over the corpus. */
  maxFeatures: number | null;
}

export const DEFAULT_TFIDF_CONFIG: TfidfConfig = {
  tokenizer: {}, word: { min: 1, max: 2 }, char: { min: 2, max: 5 },
  sublinearTf: true, useIdf: true, binary: false, norm: 'l2', minDf: 1, maxDf: 1, maxFeatures: null,
};

export interface VocabularyBlock {
  terms: string[];
  idf: number[];
}

export interface TfidfJSON {
  format: 'lathe-text-tfidf';
  version: 1;
  config: TfidfConfig;
  word: VocabularyBlock | null;
  char: VocabularyBlock | null;
}

export type FeatureKind = 'word' | 'char';

function fitBlock(termLists: string[][], cfg: TfidfConfig): VocabularyBlock {
  const n = termLists.length;
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const terms of termLists) {
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const minDocs = cfg.minDf >= 1 ? cfg.minDf : Math.ceil(cfg.minDf * n);
  const maxDocs = cfg.maxDf > 1 ? cfg.maxDf : Math.floor(cfg.maxDf * n);
  let kept = [...df.keys()].filter((t) => df.get(t)! >= minDocs && df.get(t)! <= maxDocs);
  if (cfg.maxFeatures !== null && kept.length > cfg.maxFeatures) {
    kept = kept.sort((a, b) => tf.get(b)! - tf.get(a)! || (a < b ? -1 : 1)).slice(0, cfg.maxFeatures);
  }
  kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const idf = kept.map((t) => (cfg.useIdf ? Math.log((1 + n) / (1 + df.get(t)!)) + 1 : 1));
  return { terms: kept, idf };
}

export class TfidfVectorizer {
  private readonly wordIndex: Map<string, number>;
  private readonly charIndex: Map<string, number>;

  private constructor(readonly config: TfidfConfig, readonly word: VocabularyBlock | null, readonly char: VocabularyBlock | null) {
    this.wordIndex = new Map(word?.terms.map((t, i) => [t, i]) ?? []);
    this.charIndex = new Map(char?.terms.map((t, i) => [t, i]) ?? []);
  }

  static fit(texts: string[], config: Partial<TfidfConfig> = {}): TfidfVectorizer {
    const cfg: TfidfConfig = { ...DEFAULT_TFIDF_CONFIG, ...config };
    if (!cfg.word && !cfg.char) throw new Error('tf-idf needs word or char n-grams');
    const analyses = texts.map((t) => analyze(t, cfg.tokenizer, cfg.word, cfg.char));
    return new TfidfVectorizer(
      cfg,
      cfg.word ? fitBlock(analyses.map((a) => a.words), cfg) : null,
      cfg.char ? fitBlock(analyses.map((a) => a.chars), cfg) : null,
    );
  }

  get nFeatures(): number {
    return (this.word?.terms.length ?? 0) + (this.char?.terms.length ?? 0);
  }

  /** Column j's term and block. */
  feature(j: number): { kind: FeatureKind; term: string } {
    const nw = this.word?.terms.length ?? 0;
    return j < nw ? { kind: 'word', term: this.word!.terms[j] } : { kind: 'char', term: this.char!.terms[j - nw] };
  }

  /** The column of a term, or undefined when it is not in the vocabulary. */
  column(kind: FeatureKind, term: string): number | undefined {
    if (kind === 'word') return this.wordIndex.get(term);
    const j = this.charIndex.get(term);
    return j === undefined ? undefined : (this.word?.terms.length ?? 0) + j;
  }

  analyze(text: string): Analysis {
    return analyze(text, this.config.tokenizer, this.config.word, this.config.char);
  }

  /** One row as column → value, with the analysis it came from. */
  transformOne(text: string): { row: Map<number, number>; analysis: Analysis } {
    const analysis = this.analyze(text);
    const row = new Map<number, number>();
    const nw = this.word?.terms.length ?? 0;
    if (this.word) this.fillBlock(analysis.words, this.wordIndex, this.word, 0, row);
    if (this.char) this.fillBlock(analysis.chars, this.charIndex, this.char, nw, row);
    return { row, analysis };
  }

  transform(texts: string[]): Csr {
    return csrFromRows(texts.map((t) => this.transformOne(t).row), this.nFeatures);
  }

  private fillBlock(terms: string[], index: Map<string, number>, block: VocabularyBlock, offset: number, row: Map<number, number>): void {
    const counts = new Map<number, number>();
    for (const t of terms) {
      const j = index.get(t);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    let norm = 0;
    const values: [number, number][] = [];
    for (const [j, c] of counts) {
      const tf = this.config.binary ? 1 : this.config.sublinearTf ? 1 + Math.log(c) : c;
      const v = tf * block.idf[j];
      values.push([j, v]);
      norm += v * v;
    }
    const scale = this.config.norm === 'l2' && norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (const [j, v] of values) row.set(offset + j, v * scale);
  }

  toJSON(): TfidfJSON {
    return { format: 'lathe-text-tfidf', version: 1, config: this.config, word: this.word, char: this.char };
  }

  static fromJSON(j: TfidfJSON): TfidfVectorizer {
    if (j.format !== 'lathe-text-tfidf') throw new Error('not a Lathe text tf-idf state');
    return new TfidfVectorizer(j.config, j.word, j.char);
  }
}
