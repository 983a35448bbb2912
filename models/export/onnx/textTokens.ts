/**
 * What an exported text graph is fed: the tokenizer's work that ONNX cannot express (contractions, negation
 * marks, emoji, placeholders) done in JavaScript. Word tokens go in as one string tensor [N, L]; the characters
 * of the word-bounded character n-grams as another: each token's base form padded with a space, the tokens
 * one after another. The graph's TfIdfVectorizer counts n-grams over consecutive elements, so a gram that
 * crosses two tokens holds two spaces side by side, which no char_wb gram does: the counts are exactly the
 * vectorizer's. Rows are padded with a character the tokenizer never emits. This file is bundled as the
 * export's tokenizer.mjs: it imports only the tokenizer.
 */
import { baseForm, tokenizeDetailed, type TokenizeOptions } from '../../text/tokenize';

/** Fills rows to one length; never a token or a character of one (the tokenizer drops it as punctuation). */
export const TEXT_PAD = '\uE000';

export interface TextGraphSpec {
  tokenizer: Partial<TokenizeOptions>;
  /** Whether the graph has a `words` input (word n-grams) and a `chars` input (char_wb n-grams). */
  words: boolean;
  chars: boolean;
}

export interface StringFeed {
  type: 'string';
  data: string[];
  dims: [number, number];
}

function padded(rows: string[][]): StringFeed {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const data: string[] = [];
  for (const r of rows) for (let i = 0; i < width; i++) data.push(i < r.length ? r[i] : TEXT_PAD);
  return { type: 'string', data, dims: [rows.length, width] };
}

/** One text's word tokens and the character stream of its char_wb n-grams. */
export function textElements(text: string, tokenizer: Partial<TokenizeOptions>): { words: string[]; chars: string[] } {
  const tokens = tokenizeDetailed(text, tokenizer).map((t) => t.text);
  const chars: string[] = [];
  for (const t of tokens) chars.push(' ', ...baseForm(t), ' ');
  return { words: tokens, chars };
}

/** The graph's inputs for a batch of texts (a missing text is an empty one). */
export function textFeeds(texts: (string | null)[], spec: TextGraphSpec): Record<string, StringFeed> {
  const elements = texts.map((t) => textElements(t ?? '', spec.tokenizer));
  const feeds: Record<string, StringFeed> = {};
  if (spec.words) feeds.words = padded(elements.map((e) => e.words));
  if (spec.chars) feeds.chars = padded(elements.map((e) => e.chars));
  return feeds;
}

/** textnet's input: each text's word n-gram counts over the vocabulary divided by their total (the mean of the embeddings). */
export function bagOfNgrams(texts: (string | null)[], vocabulary: string[], tokenizer: Partial<TokenizeOptions>, maxN: number): { data: Float32Array; dims: [number, number] } {
  const index = new Map(vocabulary.map((t, j) => [t, j]));
  const V = vocabulary.length;
  const data = new Float32Array(texts.length * V);
  texts.forEach((text, r) => {
    const tokens = textElements(text ?? '', tokenizer).words;
    const counts = new Map<number, number>();
    for (let n = 1; n <= maxN; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const j = index.get(tokens.slice(i, i + n).join(' '));
        if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
      }
    }
    let total = 0;
    for (const c of counts.values()) total += c;
    for (const [j, c] of counts) data[r * V + j] = c / total;
  });
  return { data, dims: [texts.length, V] };
}
