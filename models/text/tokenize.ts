/**
 * Sentence tokenizer for sentiment work: lower-cased words, contractions split ("don't" → do + n't) or
 * expanded (do + not), emoji and emoticons kept as tokens, URLs / numbers / @mentions as placeholders,
 * negation scope marked with a NEG_ prefix from a negator to the next punctuation (Das & Chen 2001,
 * Pang, Lee & Vaithyanathan 2002), optional stop words. Tokens keep their character offsets so
 * explanations can highlight the text as written.
 */
import { STOP_WORDS } from './stopWords';

export type TokenKind = 'word' | 'number' | 'url' | 'mention' | 'emoji' | 'emoticon' | 'punct';

export interface Token {
  /** Normalised text used as a feature (lower-cased word, placeholder, emoji, NEG_-prefixed when negated). */
  text: string;
  /** The text as written. */
  raw: string;
  kind: TokenKind;
  /** UTF-16 offsets into the input: raw === input.slice(start, end). */
  start: number;
  end: number;
  negated: boolean;
}

export interface TokenizeOptions {
  lowercase: boolean;
  /** 'split' keeps the clitic as its own token (do + n't), 'expand' writes the full word (do + not). */
  contractions: 'split' | 'expand';
  /** Prefix tokens inside a negation scope with NEG_. */
  markNegation: boolean;
  /** Drop common function words (negators are never dropped). */
  removeStopWords: boolean;
  /** Keep '!' and '?' as tokens (other punctuation only ends negation scopes). */
  keepEmphasis: boolean;
}

export const DEFAULT_TOKENIZE_OPTIONS: TokenizeOptions = {
  lowercase: true, contractions: 'split', markNegation: true, removeStopWords: false, keepEmphasis: true,
};

export const URL_TOKEN = '<url>';
export const NUMBER_TOKEN = '<num>';
export const MENTION_TOKEN = '<user>';
export const NEG_PREFIX = 'NEG_';

/** Words that open a negation scope (apostrophe-less spellings included: reviews often drop it). */
export const NEGATORS = new Set([
  'not', "n't", 'no', 'never', 'nothing', 'nobody', 'none', 'nowhere', 'neither', 'nor', 'cannot', 'without',
  'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'werent', 'arent', 'cant', 'couldnt', 'wouldnt', 'shouldnt',
  'wont', 'havent', 'hasnt', 'hadnt', 'aint', 'neednt', 'mustnt',
]);

// One pass over the text; the first alternative that matches at a position wins.
const PATTERN = new RegExp(
  [
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'])`,
    String.raw`(?<mention>@[\p{L}\p{N}_]+)`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\p{EMod}|\u200D\p{Extended_Pictographic}\uFE0F?)*|\p{Regional_Indicator}{2})`,
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=]['\-o^]?[()\[\]DPpO/\\|*3]+|<3+|\^_+\^|[()\]]['\-]?[:;=])(?![\p{L}\p{N}]))`,
    String.raw`(?<number>[+-]?\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|%)?(?![\p{L}]))`,
    String.raw`(?<word>[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}]+)*)`,
    String.raw`(?<punct>[^\s\p{L}\p{N}])`,
  ].join('|'),
  'gu',
);

const IRREGULAR: Record<string, [string, string, string]> = {
  // word → [split stem, split clitic, expanded stem]
  "won't": ['wo', "n't", 'will'],
  "can't": ['ca', "n't", 'can'],
  "shan't": ['sha', "n't", 'shall'],
  "ain't": ['ai', "n't", 'is'],
};

const CLITICS: [suffix: string, expanded: string][] = [
  ["n't", 'not'], ["'re", 'are'], ["'ve", 'have'], ["'ll", 'will'], ["'m", 'am'], ["'d", 'would'], ["'s", "'s"],
];

interface Piece { text: string; start: number; end: number }

/** Splits one word with an apostrophe into its stem and clitic (offsets relative to the word). */
function splitContraction(word: string, mode: 'split' | 'expand'): Piece[] {
  const w = word.replace(/’/g, "'");
  const lower = w.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular) {
    const cut = w.length - 3;
    return mode === 'split'
      ? [{ text: irregular[0], start: 0, end: cut }, { text: irregular[1], start: cut, end: w.length }]
      : [{ text: irregular[2], start: 0, end: cut }, { text: 'not', start: cut, end: w.length }];
  }
  for (const [suffix, expanded] of CLITICS) {
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      const cut = w.length - suffix.length;
      return [
        { text: lower.slice(0, cut), start: 0, end: cut },
        { text: mode === 'split' ? suffix : expanded, start: cut, end: w.length },
      ];
    }
  }
  return [{ text: lower, start: 0, end: w.length }];
}

function isScopeEnd(raw: string): boolean {
  return /^[.,:;!?()\[\]"]$/.test(raw);
}

/** Tokens with offsets and kinds. */
export function tokenizeDetailed(input: string, options: Partial<TokenizeOptions> = {}): Token[] {
  const opts = { ...DEFAULT_TOKENIZE_OPTIONS, ...options };
  const out: Token[] = [];
  let negating = false;
  const push = (text: string, raw: string, kind: TokenKind, start: number, end: number): void => {
    const negated = opts.markNegation && negating && kind !== 'punct';
    out.push({ text: negated ? NEG_PREFIX + text : text, raw, kind, start, end, negated });
  };
  for (const m of input.matchAll(PATTERN)) {
    const g = m.groups!;
    const raw = m[0];
    const start = m.index!;
    if (g.url) push(URL_TOKEN, raw, 'url', start, start + raw.length);
    else if (g.mention) push(MENTION_TOKEN, raw, 'mention', start, start + raw.length);
    else if (g.emoji) push(raw, raw, 'emoji', start, start + raw.length);
    else if (g.emoticon) push(raw, raw, 'emoticon', start, start + raw.length);
    else if (g.number) push(NUMBER_TOKEN, raw, 'number', start, start + raw.length);
    else if (g.word) {
      const pieces = /['’]/.test(raw)
        ? splitContraction(raw, opts.contractions)
        : [{ text: raw, start: 0, end: raw.length }];
      for (const p of pieces) {
        const text = opts.lowercase ? p.text.toLowerCase() : p.text;
        const lower = text.toLowerCase();
        const isNegator = NEGATORS.has(lower) || (opts.contractions === 'expand' && lower === 'not');
        if (!(opts.removeStopWords && !isNegator && STOP_WORDS.has(lower))) {
          push(text, raw.slice(p.start, p.end), 'word', start + p.start, start + p.end);
        }
        // The negator itself is outside the scope; everything after it up to punctuation is inside.
        if (isNegator) negating = true;
      }
    } else {
      if (isScopeEnd(raw)) negating = false;
      if (opts.keepEmphasis && (raw === '!' || raw === '?')) push(raw, raw, 'punct', start, start + 1);
    }
  }
  return out;
}

/** Feature strings only: what the vectorizers count. */
export function tokenize(input: string, options: Partial<TokenizeOptions> = {}): string[] {
  return tokenizeDetailed(input, options).map((t) => t.text);
}

/** Removes the NEG_ prefix: the word as a lexicon or a reader sees it. */
export function baseForm(token: string): string {
  return token.startsWith(NEG_PREFIX) ? token.slice(NEG_PREFIX.length) : token;
}
