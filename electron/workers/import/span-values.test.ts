import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../models/split/prng';
import { spanBoolean, spanFloat, spanInteger, spanIsoDay } from './span-values';
import { isDate, parseBoolean, parseFloatStrict, parseInteger } from '../../data/values';

const rng = mulberry32;

const alphabet = ['0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' ', 'x', '2', '3'];
const edge = ['0', '-0', '+0', '.5', '5.', '.', '-', '+', '', '007', '1e5', '1.5e-3', '0.1', '0.3', '9007199254740993', '123456789012345', '1234567890123456',
  '999999999999999.9', '0.000000000000001', '0.12345678901234567', '9007199254740993.1', '1234567890123456.7', '0.30000000000000004', '-.5', '+.5', '1..2', '1.2.3', '١٢', '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2024-13-01',
  '2024-00-10', '2024-04-31', '2024-1-01', ' 2024-01-01', 'true', 'TRUE', 'Yes', 'n', 'N', 'no', 'nO', 'false', 'F', 'truE ', 'tru', 'yess', 'K', '\u212A'];

/** A value in the middle of some text, as the scanner sees it. */
const embed = (v: string): [string, number, number] => [`ab,${v},cd`, 3, 3 + v.length];

describe('typed values read from spans', () => {
  it('agree with the string parsers whenever they answer', () => {
    const r = rng(11);
    const values = [...edge];
    for (let i = 0; i < 20000; i++) values.push(Array.from({ length: 1 + Math.floor(r() * 18) }, () => alphabet[Math.floor(r() * alphabet.length)]).join(''));
    for (let i = 0; i < 20000; i++) values.push((r() * 10 ** Math.floor(r() * 12) * (r() < 0.5 ? -1 : 1)).toFixed(Math.floor(r() * 8)));
    let answered = 0;
    for (const v of values) {
      const [t, s, e] = embed(v);
      const i = spanInteger(t, s, e);
      if (!Number.isNaN(i)) expect([v, Object.is(i, parseInteger(v))]).toEqual([v, true]);
      const f = spanFloat(t, s, e);
      if (!Number.isNaN(f)) {
        expect([v, Object.is(f, parseFloatStrict(v))]).toEqual([v, true]);
        answered++;
      }
      const b = spanBoolean(t, s, e);
      if (b >= 0) expect([v, b]).toEqual([v, parseBoolean(v) ? 1 : 0]);
      if (spanIsoDay(t, s, e)) expect([v, isDate(v)]).toEqual([v, true]);
    }
    expect(answered).toBeGreaterThan(20000);
  });

  it('answer for the plain forms', () => {
    const at = (f: (t: string, s: number, e: number) => number | boolean, v: string) => f(...embed(v));
    expect(at(spanInteger, '-42')).toBe(-42);
    expect(at(spanFloat, '180.33')).toBe(180.33);
    expect(at(spanFloat, '0.6697')).toBe(0.6697);
    expect(at(spanBoolean, 'False')).toBe(0);
    expect(at(spanBoolean, 'y')).toBe(1);
    expect(at(spanIsoDay, '2024-02-29')).toBe(true);
    expect(at(spanIsoDay, '2023-02-29')).toBe(false);
  });
});
