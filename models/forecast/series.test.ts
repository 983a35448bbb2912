import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors';
import { buildSeries, checkForecastRequest, formatTimestamp, futureTimestamps } from './series';

const monthStarts = (n: number, year = 1958) => Array.from({ length: n }, (_, i) => `${year + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function inputError(f: () => unknown): ForecastInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ForecastInputError);
    return e as ForecastInputError;
  }
  throw new Error('expected a ForecastInputError');
}

describe('buildSeries: frequency', () => {
  const at = (startMs: number, stepMs: number, n: number) => Array.from({ length: n }, (_, i) => startMs + i * stepMs);
  const H = 3_600_000;
  it.each([
    ['hourly', at(Date.UTC(2024, 0, 1), H, 50), [24, 168]],
    ['daily', at(Date.UTC(2024, 0, 1), 24 * H, 30), [7, 365.25]],
    ['weekly', at(Date.UTC(2024, 0, 1), 7 * 24 * H, 30), [52.18]],
    ['quarterly', ['2001-01', '2001-04', '2001-07', '2001-10', '2002-01'], [4]],
    ['yearly', ['1990', '1991', '1992', '1993'], []],
  ] as const)('%s', (freq, timestamps, periods) => {
    const s = buildSeries({ timestamps, values: timestamps.map((_, i) => i) });
    expect(s.frequency).toBe(freq);
    expect(s.seasonalPeriods).toEqual(periods);
    expect(s.gaps).toEqual([]);
  });

  it('monthly from month starts, forecast dates continue the calendar', () => {
    const s = buildSeries({ timestamps: monthStarts(24), values: Array.from({ length: 24 }, (_, i) => i) });
    expect(s.frequency).toBe('monthly');
    expect(s.seasonalPeriods).toEqual([12]);
    expect(Array.from(futureTimestamps(s, 2), (t) => formatTimestamp(t, 'monthly'))).toEqual(['1960-01', '1960-02']);
  });

  it('month ends of different lengths are one month apart and stay month ends', () => {
    const ends = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-06-30'];
    const s = buildSeries({ timestamps: ends, values: [1, 2, 3, 4, 6] });
    expect(s.frequency).toBe('monthly');
    expect(Array.from(s.timestamps, (t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30',
    ]);
    expect(s.gaps).toEqual([{ start: Date.UTC(2023, 4, 31), length: 1 }]);
    expect(Number.isNaN(s.values[4])).toBe(true);
  });

  it('sorts rows by time and accepts Dates and epoch milliseconds', () => {
    const s = buildSeries({ timestamps: [new Date(Date.UTC(2020, 0, 3)), Date.UTC(2020, 0, 1), '2020-01-02'], values: [3, 1, 2] });
    expect(s.frequency).toBe('daily');
    expect(Array.from(s.values)).toEqual([1, 2, 3]);
  });

  it('refuses spacing that is no known frequency, and timestamps between grid points', () => {
    expect(inputError(() => buildSeries({ timestamps: [0, 60_000, 120_000], values: [1, 2, 3] })).field).toBe('timestamps');
    const e = inputError(() => buildSeries({ timestamps: ['2020-01-01', '2020-01-02', '2020-01-02 12:00', '2020-01-04'], values: [1, 2, 3, 4] }));
    expect(e.field).toBe('timestamps');
    expect(e.message).toContain('2020-01-02 12:00');
  });
});

describe('buildSeries: gaps, duplicates and values', () => {
  it('fills gaps with missing values and reports them as runs', () => {
    const s = buildSeries({ timestamps: ['2020-01-01', '2020-01-02', '2020-01-05', '2020-01-06', '2020-01-08'], values: [1, 2, 5, 6, 8] });
    expect(s.values.length).toBe(8);
    expect(s.gaps).toEqual([
      { start: Date.UTC(2020, 0, 3), length: 2 },
      { start: Date.UTC(2020, 0, 7), length: 1 },
    ]);
    expect(s.observed).toBe(5);
  });

  it('missing cells are missing values, not gaps', () => {
    const s = buildSeries({ timestamps: ['2020', '2021', '2022'], values: [1, null, ''] });
    expect(Array.from(s.values)).toEqual([1, NaN, NaN]);
    expect(s.gaps).toEqual([]);
  });

  it('refuses duplicates by default, naming the timestamp and rows', () => {
    const e = inputError(() => buildSeries({ timestamps: ['2020-01', '2020-02', '2020-02', '2020-03'], values: [1, 2, 3, 4] }));
    expect(e.field).toBe('timestamps');
    expect(e.message).toContain('2020-02 appears more than once (rows 2, 3)');
  });

  it.each([
    ['sum', 5],
    ['mean', 2.5],
    ['last', 3],
  ] as const)('aggregates duplicates by %s', (rule, expected) => {
    const s = buildSeries({ timestamps: ['2020-01', '2020-02', '2020-02', '2020-03'], values: [1, 2, 3, 4], duplicates: rule });
    expect(Array.from(s.values)).toEqual([1, expected, 4]);
    expect(s.duplicates).toEqual([{ timestamp: Date.UTC(2020, 1, 1), count: 2 }]);
  });

  it('names a non-numeric target value with its row and timestamp', () => {
    const e = inputError(() => buildSeries({ timestamps: monthStarts(3), values: [1, 'abc', 3] }));
    expect(e.field).toBe('values');
    expect(e.message).toBe('row 2 (1958-02): "abc" is not a number');
  });

  it('names a timestamp that is not a date', () => {
    const e = inputError(() => buildSeries({ timestamps: ['2020-01-01', 'soon'], values: [1, 2] }));
    expect(e.field).toBe('timestamps');
    expect(e.message).toContain('row 2');
  });

  it('reads numeric text', () => {
    expect(Array.from(buildSeries({ timestamps: ['2001', '2002'], values: [' 1.5', '2e3'] }).values)).toEqual([1.5, 2000]);
  });
});

describe('checkForecastRequest', () => {
  const s = buildSeries({ timestamps: monthStarts(30), values: Array.from({ length: 30 }, (_, i) => i) });

  it('defaults to the dominant seasonal period', () => {
    expect(checkForecastRequest(s, { horizon: 12 })).toBe(12);
    expect(checkForecastRequest(s, { horizon: 12, seasonalPeriod: 1 })).toBe(1);
  });

  it('refuses horizon 0', () => {
    const e = inputError(() => checkForecastRequest(s, { horizon: 0 }));
    expect(e.field).toBe('horizon');
  });

  it('refuses fewer points than two seasons', () => {
    const e = inputError(() => checkForecastRequest({ ...s, values: s.values.subarray(0, 20) }, { horizon: 6 }));
    expect(e.field).toBe('seasonalPeriod');
    expect(e.message).toContain('fewer than two seasons of 12 (24)');
  });

  it('refuses a fractional period', () => {
    expect(inputError(() => checkForecastRequest(s, { horizon: 1, seasonalPeriod: 52.18 })).field).toBe('seasonalPeriod');
  });
});
