import { describe, expect, it } from 'vitest';
import { cronToWords } from './cron-words';

describe('cron in words', () => {
  it.each([
    ['0 3 * * *', 'At 03:00, every day'],
    ['30 9 * * 1', 'At 09:30, on Monday'],
    ['0 6 * * 1-5', 'At 06:00, on Monday to Friday'],
    ['0 6 * * MON,WED,FRI', 'At 06:00, on Monday, Wednesday and Friday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['* * * * *', 'Every minute'],
    ['0 * * * *', 'Every hour, on the hour'],
    ['5 */2 * * *', 'Every 2 hours at 5 past'],
    ['0 8,20 * * *', 'At 08:00 and 20:00, every day'],
    ['0 0 1 * *', 'At 00:00, on day 1 of the month'],
    ['0 0 1 jan *', 'At 00:00, on day 1 of the month, in January'],
    ['@weekly', 'At 00:00, on Sunday'],
    ['@daily', 'At 00:00, every day'],
    ['0 0 3 * * 0', 'At 03:00, on Sunday'],
  ])('%s → %s', (text, words) => {
    expect(cronToWords(text)).toBe(words);
  });

  it('gives up on what it cannot word plainly, rather than guess', () => {
    expect(cronToWords('0 0 L * *')).toBeNull();
    expect(cronToWords('15 0 3 * * *')).toBeNull();
    expect(cronToWords('every day')).toBeNull();
    expect(cronToWords('')).toBeNull();
  });
});
