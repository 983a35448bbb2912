import { describe, expect, it } from 'vitest';
import { baseForm, tokenize, tokenizeDetailed } from './tokenize';

describe('tokenize', () => {
  it('lower-cases words and drops punctuation other than ! and ?', () => {
    expect(tokenize('The Food, was GREAT!')).toEqual(['the', 'food', 'was', 'great', '!']);
    expect(tokenize('Really?', { keepEmphasis: false })).toEqual(['really']);
  });

  it('splits contractions into stem and clitic, or expands them', () => {
    expect(tokenize("I don't know", { markNegation: false })).toEqual(['i', 'do', "n't", 'know']);
    expect(tokenize("I don't know", { markNegation: false, contractions: 'expand' })).toEqual(['i', 'do', 'not', 'know']);
    expect(tokenize("it won't work", { markNegation: false })).toEqual(['it', 'wo', "n't", 'work']);
    expect(tokenize("it won’t work", { markNegation: false, contractions: 'expand' })).toEqual(['it', 'will', 'not', 'work']);
    expect(tokenize("I'm sure it's fine", { markNegation: false })).toEqual(['i', "'m", 'sure', 'it', "'s", 'fine']);
  });

  it('marks the negation scope up to the next punctuation', () => {
    expect(tokenize('not good at all, but fine')).toEqual(['not', 'NEG_good', 'NEG_at', 'NEG_all', 'but', 'fine']);
    expect(tokenize("I didn't like it. Great staff")).toEqual(['i', 'did', "n't", 'NEG_like', 'NEG_it', 'great', 'staff']);
    expect(tokenize('never again!')).toEqual(['never', 'NEG_again', '!']);
    expect(tokenize('dont buy this')).toEqual(['dont', 'NEG_buy', 'NEG_this']);
    expect(tokenize('good')).toEqual(['good']);
    expect(baseForm('NEG_good')).toBe('good');
  });

  it('keeps emoji and emoticons as tokens', () => {
    expect(tokenize('love it 😍👍🏽 :) <3', { markNegation: false })).toEqual(['love', 'it', '😍', '👍🏽', ':)', '<3']);
    expect(tokenize('bad :-(')).toEqual(['bad', ':-(']);
    // A colon inside a sentence is not an emoticon.
    expect(tokenize('note: fine')).toEqual(['note', 'fine']);
  });

  it('replaces URLs, numbers and mentions with placeholders', () => {
    expect(tokenize('see https://example.com/a?b=1, 10/10 and 3.5 stars @bob')).toEqual([
      'see', '<url>', '<num>', 'and', '<num>', 'stars', '<user>',
    ]);
    expect(tokenize('the mp3 player')).toEqual(['the', 'mp3', 'player']);
  });

  it('removes stop words on request but never negators', () => {
    expect(tokenize('this is not the best', { removeStopWords: true })).toEqual(['not', 'NEG_best']);
  });

  it('keeps offsets into the text as written', () => {
    const text = "Wasn't GOOD 🙂";
    for (const t of tokenizeDetailed(text)) expect(text.slice(t.start, t.end)).toBe(t.raw);
    expect(tokenizeDetailed(text).map((t) => t.raw)).toEqual(['Was', "n't", 'GOOD', '🙂']);
  });
});

describe('word offsets the explorer highlights', () => {
  it('are as renderer/features/explorer/text-highlight.test.ts states them', () => {
    const text = "Wasn't good 😡 :( …but the café's 🇫🇷 wine, wow!";
    const words = tokenizeDetailed(text).filter((t) => t.kind !== 'punct').map((w) => [w.text, w.raw, w.start, w.end]);
    expect(words).toEqual([
      ['was', 'Was', 0, 3], ["n't", "n't", 3, 6], ['NEG_good', 'good', 7, 11], ['NEG_😡', '😡', 12, 14], ['NEG_:(', ':(', 15, 17],
      ['NEG_but', 'but', 19, 22], ['NEG_the', 'the', 23, 26], ['NEG_café', 'café', 27, 31], ["NEG_'s", "'s", 31, 33],
      ['NEG_🇫🇷', '🇫🇷', 34, 38], ['NEG_wine', 'wine', 39, 43], ['wow', 'wow', 45, 48],
    ]);
  });
});
