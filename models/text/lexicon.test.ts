import { describe, expect, it } from 'vitest';
import { lexiconSentiment, wordValence } from './lexicon';

const score = (t: string) => lexiconSentiment(t).score;

describe('lexiconSentiment', () => {
  it('negation flips the sign', () => {
    expect(score('good')).toBeGreaterThan(0.05);
    expect(score('not good')).toBeLessThan(-0.05);
    expect(score("it isn't good")).toBeLessThan(-0.05);
    expect(score('no good')).toBeLessThan(-0.05);
    expect(score('not bad')).toBeGreaterThan(0.05);
    expect(lexiconSentiment('not good').label).toBe('negative');
  });

  it('intensifiers, dampeners, caps and exclamation marks change the strength', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('slightly good')).toBeLessThan(score('good'));
    expect(score('the food was GOOD')).toBeGreaterThan(score('the food was good'));
    expect(score('good!!!')).toBeGreaterThan(score('good'));
  });

  it('weighs the clause after "but" more', () => {
    expect(score('the food was good but the service was terrible')).toBeLessThan(0);
  });

  it('scores emoji and emoticons', () => {
    expect(wordValence('😍')).toBeGreaterThan(0);
    expect(score('dinner 😡')).toBeLessThan(0);
    expect(score('dinner :)')).toBeGreaterThan(0);
  });

  it('is neutral without sentiment words and stays in [-1, 1]', () => {
    expect(lexiconSentiment('the table is brown').label).toBe('neutral');
    const s = score('GREAT GREAT amazing wonderful excellent love love best!!!!');
    expect(s).toBeLessThanOrEqual(1);
    expect(s).toBeGreaterThan(0.9);
  });

  it('word contributions and emphasis add up to the score and point at the words', () => {
    const text = 'The staff were friendly but the food was awful!';
    const r = lexiconSentiment(text);
    const sum = r.words.reduce((a, w) => a + w.contribution, 0) + r.emphasis;
    expect(sum).toBeCloseTo(r.score, 12);
    const awful = r.words.find((w) => w.token === 'awful')!;
    expect(text.slice(awful.start, awful.end)).toBe('awful');
    expect(awful.contribution).toBeLessThan(0);
    expect(r.words.find((w) => w.token === 'friendly')!.contribution).toBeGreaterThan(0);
  });
});
