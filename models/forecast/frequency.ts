import { ForecastInputError } from './errors';

export type Frequency = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Median spacing (days) each frequency accepts: wide enough for month lengths, leap years and DST shifts. */
const SPACING_DAYS: readonly [Frequency, number, number][] = [
  ['hourly', 0.9 / 24, 1.1 / 24],
  ['daily', 0.9, 1.1],
  ['weekly', 6.5, 7.5],
  ['monthly', 27.5, 31.5],
  ['quarterly', 88, 93],
  ['yearly', 359, 371],
];

/** Seasonal periods worth trying per frequency, the dominant one first. */
export const SEASONAL_PERIODS: Record<Frequency, readonly number[]> = {
  hourly: [24, 168],
  daily: [7, 365.25],
  weekly: [52.18],
  monthly: [12],
  quarterly: [4],
  yearly: [],
};

/** The frequency whose spacing matches the median gap between consecutive distinct timestamps. */
export function detectFrequency(sortedMs: ArrayLike<number>): Frequency {
  const gaps: number[] = [];
  for (let i = 1; i < sortedMs.length; i++) {
    const d = sortedMs[i] - sortedMs[i - 1];
    if (d > 0) gaps.push(d);
  }
  if (gaps.length === 0) throw new ForecastInputError('timestamps', 'needs at least two distinct timestamps to tell the frequency');
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor((gaps.length - 1) / 2)] / DAY;
  for (const [freq, lo, hi] of SPACING_DAYS) if (median >= lo && median <= hi) return freq;
  throw new ForecastInputError(
    'timestamps',
    `the median spacing of ${formatDays(median)} matches none of hourly, daily, weekly, monthly, quarterly or yearly`,
  );
}

function formatDays(days: number): string {
  return days < 1 ? `${(days * 24).toPrecision(3)} hours` : `${days.toPrecision(3)} days`;
}

const FIXED_STEP_MS: Partial<Record<Frequency, number>> = { hourly: HOUR, daily: DAY, weekly: 7 * DAY };

/**
 * The position of a timestamp on the frequency's grid, relative to `originMs`. Months, quarters and years count
 * calendar periods (so month ends of different lengths land one step apart); the rest count fixed steps.
 * Returns NaN when the timestamp lies between grid points.
 */
export function gridIndex(freq: Frequency, originMs: number, ms: number): number {
  const step = FIXED_STEP_MS[freq];
  if (step !== undefined) {
    const x = (ms - originMs) / step;
    const i = Math.round(x);
    // A quarter step of slack absorbs DST shifts and clock jitter, nothing more.
    return Math.abs(x - i) <= 0.25 ? i : NaN;
  }
  return calendarPeriod(freq, ms) - calendarPeriod(freq, originMs);
}

function calendarPeriod(freq: Frequency, ms: number): number {
  const d = new Date(ms);
  const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
  if (freq === 'monthly') return months;
  if (freq === 'quarterly') return Math.floor(months / 3);
  return d.getUTCFullYear();
}

/** The timestamp of grid point `index`, keeping the origin's day of month (month ends stay month ends) and time. */
export function gridTimestamp(freq: Frequency, originMs: number, index: number): number {
  const step = FIXED_STEP_MS[freq];
  if (step !== undefined) return originMs + index * step;
  const o = new Date(originMs);
  const monthsPerStep = freq === 'monthly' ? 1 : freq === 'quarterly' ? 3 : 12;
  const y = o.getUTCFullYear();
  const m = o.getUTCMonth() + index * monthsPerStep;
  const day = o.getUTCDate();
  const originIsMonthEnd = day === daysInMonth(y, o.getUTCMonth());
  const target = new Date(Date.UTC(y, m, 1));
  const last = daysInMonth(target.getUTCFullYear(), target.getUTCMonth());
  const d = originIsMonthEnd ? last : Math.min(day, last);
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), d, o.getUTCHours(), o.getUTCMinutes(), o.getUTCSeconds(), o.getUTCMilliseconds());
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
