/**
 * Analyzers: text → the terms a vectorizer counts, each with the tokens it came from (for explanations).
 * Word n-grams join tokens with a space; character n-grams are word-bounded like scikit-learn's char_wb
 * (each word padded with one space, n-grams never cross words, a word shorter than n counted once whole).
 */
import { baseForm, tokenizeDetailed, type Token, type TokenizeOptions } from './tokenize';

/** 'sklearn' reproduces TfidfVectorizer's defaults: lower-case, token_pattern (?u)\b\w\w+\b, char_wb on the raw text. */
export type TokenizerSetting = Partial<TokenizeOptions> | 'sklearn';

export interface Analysis {
  tokens: Token[];
  words: string[];
  /** wordSources[i]: indices into tokens of word term i. */
  wordSources: number[][];
  chars: string[];
  charSources: number[][];
}

const SKLEARN_TOKEN = /[\p{L}\p{N}_]+/gu;

function sklearnTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(SKLEARN_TOKEN)) {
    if ([...m[0]].length < 2) continue;
    const start = m.index!;
    out.push({ text: m[0].toLowerCase(), raw: m[0], kind: 'word', start, end: start + m[0].length, negated: false });
  }
  return out;
}

export function tokensFor(text: string, tokenizer: TokenizerSetting): Token[] {
  return tokenizer === 'sklearn' ? sklearnTokens(text) : tokenizeDetailed(text, tokenizer);
}

function wordNgrams(tokens: Token[], min: number, max: number, terms: string[], sources: number[][]): void {
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let term = tokens[i].text;
      const src = [i];
      for (let k = 1; k < n; k++) {
        term += ' ' + tokens[i + k].text;
        src.push(i + k);
      }
      terms.push(term);
      sources.push(src);
    }
  }
}

/** char_wb n-grams of one word (code points, as Python counts them). */
export function charWbNgrams(word: string, min: number, max: number, emit: (gram: string) => void): void {
  const padded = ' ' + word + ' ';
  // Plain UTF-16 slicing when every character is one code unit (nearly always); code points otherwise.
  const w: string | string[] = /[\uD800-\uDFFF]/.test(padded) ? [...padded] : padded;
  const gram = (a: number, b: number): string => (typeof w === 'string' ? w.slice(a, b) : w.slice(a, b).join(''));
  for (let n = min; n <= max; n++) {
    let offset = 0;
    emit(gram(0, n));
    while (offset + n < w.length) {
      offset++;
      emit(gram(offset, offset + n));
    }
    if (offset === 0) break; // a word shorter than n was counted once, whole
  }
}

/** The "words" char n-grams are taken from, with the token indices each covers. */
function charWords(text: string, tokens: Token[], tokenizer: TokenizerSetting): { word: string; src: number[] }[] {
  if (tokenizer !== 'sklearn') {
    // Our tokens (negation prefix removed): placeholders and split contractions apply to char n-grams too.
    return tokens.map((t, i) => ({ word: baseForm(t.text), src: [i] }));
  }
  const out: { word: string; src: number[] }[] = [];
  for (const m of text.toLowerCase().matchAll(/\S+/gu)) {
    const start = m.index!, end = start + m[0].length;
    const src: number[] = [];
    tokens.forEach((t, i) => {
      if (t.start < end && t.end > start) src.push(i);
    });
    out.push({ word: m[0], src });
  }
  return out;
}

export interface NgramRange { min: number; max: number }

export function analyze(text: string, tokenizer: TokenizerSetting, word: NgramRange | null, char: NgramRange | null): Analysis {
  const tokens = tokensFor(text, tokenizer);
  const a: Analysis = { tokens, words: [], wordSources: [], chars: [], charSources: [] };
  if (word) wordNgrams(tokens, word.min, word.max, a.words, a.wordSources);
  if (char) {
    for (const { word: w, src } of charWords(text, tokens, tokenizer)) {
      charWbNgrams(w, char.min, char.max, (g) => {
        a.chars.push(g);
        a.charSources.push(src);
      });
    }
  }
  return a;
}
