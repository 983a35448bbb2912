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
