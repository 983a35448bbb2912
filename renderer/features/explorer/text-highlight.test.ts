import { describe, expect, it } from 'vitest';
import type { TextTokenDto } from '../../../shared/api/methods/explorer';
import { contrastRatio } from '../../styles/contrast';
import { palette } from '../../styles/palette';
import { edgeColour, HIGHLIGHT, highlightColour, highlightSegments, mix, signed } from './text-highlight';

const tok = (token: string, start: number, end: number, contribution: number, valence: number | null = null): TextTokenDto => ({ token, start, end, contribution, valence });

/** Offsets the way the worker finds them: the word's place in the text (UTF-16, as String.indexOf counts). */
const at = (text: string, word: string, contribution: number, from = 0): TextTokenDto => {
  const start = text.indexOf(word, from);
  return tok(word.toLowerCase(), start, start + word.length, contribution);
};

describe('highlight segments', () => {
  it('cover the text exactly, words at their offsets, the rest plain', () => {
    const text = 'the food was not good at all';
    const segs = highlightSegments(text, [at(text, 'not', -0.4), at(text, 'good', -1.2), at(text, 'food', 0.1)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.word).map((s) => [s.text, s.word!.contribution])).toEqual([['food', 0.1], ['not', -0.4], ['good', -1.2]]);
    for (const s of segs) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(segs[0]).toMatchObject({ text: 'the ', word: null });
  });

  it('keeps emoji (two UTF-16 units) and punctuation outside the words', () => {
    const text = 'Loved it 😍, really!! 👍🏽 great.';
    const tokens = [at(text, 'Loved', 0.9), at(text, '😍', 0.5), at(text, 'really', 0.05), at(text, '👍🏽', 0.3), at(text, 'great', 0.8)];
    expect(tokens[1].end - tokens[1].start).toBe(2);
    expect(tokens[3].end - tokens[3].start).toBe(4); // thumbs up + skin tone modifier
    const segs = highlightSegments(text, tokens);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.word).map((s) => s.text)).toEqual(['Loved', '😍', 'really', '👍🏽', 'great']);
    expect(segs.filter((s) => !s.word).map((s) => s.text)).toEqual([' it ', ', ', '!! ', ' ', '.']);
  });

  it("lines up with the text engine's own tokens (emoji, emoticons, contractions, punctuation)", () => {
    const text = "Wasn't good 😡 :( …but the café's 🇫🇷 wine, wow!";
    // The word tokens models/text's tokenizeDetailed gives for this text (the renderer does not load the engine).
    const words = ([
      ['was', 'Was', 0, 3], ["n't", "n't", 3, 6], ['NEG_good', 'good', 7, 11], ['NEG_😡', '😡', 12, 14], ['NEG_:(', ':(', 15, 17],
      ['NEG_but', 'but', 19, 22], ['NEG_the', 'the', 23, 26], ['NEG_café', 'café', 27, 31], ["NEG_'s", "'s", 31, 33],
      ['NEG_🇫🇷', '🇫🇷', 34, 38], ['NEG_wine', 'wine', 39, 43], ['wow', 'wow', 45, 48],
    ] as const).map(([t, raw, start, end]) => ({ text: t, raw, start, end }));
    const segs = highlightSegments(text, words.map((w, i) => tok(w.text, w.start, w.end, i % 2 ? 1 : -1)));
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.word).map((s) => s.text)).toEqual(words.map((w) => w.raw));
    expect(words.map((w) => w.raw)).toEqual(expect.arrayContaining(['😡', ':(', '🇫🇷', "n't"]));
  });

  it('merges overlapping spans (a split contraction, a bigram) and sums them; drops empty and out-of-range ones', () => {
    const text = "don't go";
    const segs = highlightSegments(text, [tok('do', 0, 2, 0.1), tok("n't", 2, 5, -0.3), tok('do_not', 0, 5, -0.2), tok('x', 3, 3, 9), tok('go', 6, 99, 0.5), tok('y', 20, 25, 1)]);
    expect(segs.map((s) => [s.text, s.word?.contribution ?? null])).toEqual([
      ["don't", expect.closeTo(-0.4, 12)],
      [' ', null],
      ['go', 0.5],
    ]);
    expect(segs[0].word!.tokens).toEqual(['do', 'do_not', "n't"]);
  });

  it('sums lexicon valences of merged words and keeps null for classifiers', () => {
    expect(highlightSegments('ab', [tok('a', 0, 1, 0.1, 1.5), tok('ab', 0, 2, 0.1, -0.5)])[0].word!.valence).toBe(1);
    expect(highlightSegments('ab', [tok('ab', 0, 2, 0.1)])[0].word!.valence).toBeNull();
  });

  it('an empty text or no tokens gives the text as one plain segment (or nothing)', () => {
    expect(highlightSegments('', [])).toEqual([]);
    expect(highlightSegments('plain', [])).toEqual([{ start: 0, end: 5, text: 'plain', word: null }]);
  });
});

describe('highlight colours', () => {
  it('mix between two colours in sRGB', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#102030', '#ffffff', 0)).toBe('#102030');
    expect(mix('#102030', '#f0e0d0', 1)).toBe('#f0e0d0');
  });

  it('grow with |contribution| and diverge by sign', () => {
    expect(highlightColour(0, 1, 'light')).toBe(palette.light.panel);
    expect(highlightColour(1, 1, 'light')).toBe(HIGHLIGHT.light.up);
    expect(highlightColour(-2, 2, 'dark')).toBe(HIGHLIGHT.dark.down);
    expect(highlightColour(0.5, 0, 'light')).toBe(palette.light.panel);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: the text stays readable (4.5:1) on every shade, and the edges show on the panel (3:1)`, () => {
      for (let i = -10; i <= 10; i++) {
        expect(contrastRatio(palette[theme].text, highlightColour(i / 10, 1, theme))).toBeGreaterThanOrEqual(4.5);
      }
      for (const c of [1, -1]) expect(contrastRatio(edgeColour(c, theme), palette[theme].panel)).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('signed numbers', () => {
  it('show the sign and three significant digits', () => {
    expect(signed(1.234)).toBe('+1.23');
    expect(signed(-0.5)).toBe('−0.5');
    expect(signed(150.4)).toBe('+150');
    expect(signed(100)).toBe('+100');
    expect(signed(2)).toBe('+2');
    expect(signed(0)).toBe('0');
    expect(signed(-0.00012)).toBe('−1.20e-4');
  });
});
