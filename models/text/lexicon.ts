/**
 * Lexicon sentiment without training: the rules of VADER (Hutto & Gilbert 2014) over its lexicon (7,500
 * words and emoticons rated -4..4, from the vader-sentiment package) and emoji valences (emoji-emotion,
 * -5..5 scaled to VADER's range). Negation (3 words back, "n't" included), intensifiers and dampeners,
 * ALL-CAPS emphasis, "but" shifting weight to the clause after it, "least", and ! / ? emphasis.
 * The compound score s / sqrt(s² + 15) lies in [-1, 1]; each word's contribution is its share of it.
 */
import { emojiEmotion } from 'emoji-emotion';
import { lexicon as VADER_LEXICON } from 'vader-sentiment/src/vader_lexicon.js';
import { NEGATORS, tokenizeDetailed, type Token } from './tokenize';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface WordContribution {
  token: string;
  start: number;
  end: number;
  /** Valence after the rules, on VADER's -4..4 scale. */
  valence: number;
  /** Share of the compound score (contributions and emphasis add up to the score). */
  contribution: number;
}

export interface LexiconResult {
  /** Compound score in [-1, 1]. */
  score: number;
  label: SentimentLabel;
  words: WordContribution[];
  /** Share of the score from ! and ? emphasis. */
  emphasis: number;
}

/** VADER's thresholds for its compound score. */
export const NEUTRAL_BAND = 0.05;
const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const ALPHA = 15;

const BOOSTERS: Record<string, number> = Object.fromEntries([
  ...('absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially ' +
    'exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella ' +
    'highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially ' +
    'thoroughly totally tremendously uber unbelievably unusually utterly very').split(' ').map((w) => [w, B_INCR]),
  ...'almost barely hardly kinda kindof less little marginally occasionally partly scarcely slightly somewhat sorta sortof'
    .split(' ').map((w) => [w, B_DECR]),
]);

// VADER also treats these as negators; "no" stays a lexicon word (-1.2) as in VADER.
const LEXICON_NEGATORS = new Set([...NEGATORS, 'nope', 'rarely', 'seldom', 'despite', 'uhuh', 'oughtnt', 'shant']);
LEXICON_NEGATORS.delete('no');

const EMOJI_VALENCE = new Map<string, number>(emojiEmotion.map((e) => [stripVariation(e.emoji), e.polarity * 0.8]));

function stripVariation(s: string): string {
  return s.replace(/[\uFE0E\uFE0F]|\p{EMod}/gu, '');
}

/** The lexicon's valence for one token (lower-cased word, emoticon or emoji), or 0. */
export function wordValence(token: string): number {
  const lower = token.toLowerCase();
  const v = (VADER_LEXICON as Record<string, number>)[lower];
  if (v !== undefined) return v;
  return EMOJI_VALENCE.get(stripVariation(token)) ?? 0;
}

function inLexicon(word: string): boolean {
  return Object.hasOwn(VADER_LEXICON, word);
}

function isUpper(raw: string): boolean {
  return /\p{Lu}/u.test(raw) && raw === raw.toUpperCase();
}

export function labelOf(score: number, band = NEUTRAL_BAND): SentimentLabel {
  return score >= band ? 'positive' : score <= -band ? 'negative' : 'neutral';
}

function boosterScalar(token: Token, valence: number, capsDiffer: boolean): number {
  let scalar = BOOSTERS[token.text] ?? 0;
  if (scalar === 0) return 0;
  if (valence < 0) scalar = -scalar;
  if (capsDiffer && isUpper(token.raw)) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

function ruleValence(words: Token[], i: number, capsDiffer: boolean): number {
  const item = words[i].text;
  if (BOOSTERS[item] !== undefined || LEXICON_NEGATORS.has(item)) return 0;
  if (item === 'kind' && words[i + 1]?.text === 'of') return 0;
  // "no" before a sentiment word negates it rather than counting on its own.
  if (item === 'no' && i + 1 < words.length && inLexicon(words[i + 1].text)) return 0;
  let v = wordValence(words[i].kind === 'word' ? item : words[i].raw);
  if (v === 0) return 0;
  if (capsDiffer && isUpper(words[i].raw)) v += v > 0 ? C_INCR : -C_INCR;
  for (let back = 1; back <= 3; back++) {
    const j = i - back;
    if (j < 0 || inLexicon(words[j].text)) continue;
    v += boosterScalar(words[j], v, capsDiffer) * (back === 2 ? 0.95 : back === 3 ? 0.9 : 1);
    const prev = words[j].text;
    if (back > 1 && prev === 'never' && ['so', 'this'].includes(words[j + 1]?.text ?? '')) v *= 1.25;
    else if (back > 1 && prev === 'without' && words[j + 1]?.text === 'doubt') continue;
    else if (LEXICON_NEGATORS.has(prev)) v *= N_SCALAR;
  }
  // "no" is itself in the lexicon, so the loop above skips it; it still negates what follows.
  if ([1, 2, 3].some((back) => words[i - back]?.text === 'no')) v *= N_SCALAR;
  if (i > 0 && words[i - 1].text === 'least' && !['at', 'very'].includes(words[i - 2]?.text ?? '')) v *= N_SCALAR;
  return v;
}

function punctuationEmphasis(text: string): number {
  const ep = Math.min((text.match(/!/g) ?? []).length, 4) * 0.292;
  const qm = (text.match(/\?/g) ?? []).length;
  return ep + (qm > 1 ? (qm <= 3 ? qm * 0.18 : 0.96) : 0);
}

/** Scores one text: compound score, label and each sentiment word's contribution. */
export function lexiconSentiment(text: string, band = NEUTRAL_BAND): LexiconResult {
  const words = tokenizeDetailed(text, { markNegation: false, keepEmphasis: false, contractions: 'split' });
  const cased = words.filter((t) => t.kind === 'word' && /\p{L}/u.test(t.raw));
  const upper = cased.filter((t) => isUpper(t.raw)).length;
  const capsDiffer = upper > 0 && upper < cased.length;
  const valences = words.map((_, i) => ruleValence(words, i, capsDiffer));
  const but = words.findIndex((t) => t.text === 'but');
  if (but >= 0) valences.forEach((v, i) => (valences[i] = i < but ? v * 0.5 : i > but ? v * 1.5 : v));
  const sum = valences.reduce((a, b) => a + b, 0);
  const emphasis = sum === 0 ? 0 : Math.sign(sum) * punctuationEmphasis(text);
  const total = sum + emphasis;
  const score = Math.max(-1, Math.min(1, total / Math.sqrt(total * total + ALPHA)));
  const share = total === 0 ? 0 : score / total;
  const contributions: WordContribution[] = [];
  words.forEach((t, i) => {
    if (valences[i] !== 0) {
      contributions.push({ token: t.text, start: t.start, end: t.end, valence: valences[i], contribution: valences[i] * share });
    }
  });
  return { score, label: labelOf(score, band), words: contributions, emphasis: emphasis * share };
}

/** Compound scores of many texts. */
export function lexiconScores(texts: string[]): Float64Array {
  return Float64Array.from(texts, (t) => lexiconSentiment(t).score);
}
