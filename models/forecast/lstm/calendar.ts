import { SEASONAL_PERIODS, type Frequency } from '../frequency';

/** The season the calendar channels follow: the caller's, else the frequency's dominant one; ≤ 1 means none. */
export function dominantPeriod(frequency: Frequency, seasonalPeriod?: number, seasonalPeriods?: readonly number[]): number {
  return seasonalPeriod ?? seasonalPeriods?.[0] ?? SEASONAL_PERIODS[frequency][0] ?? 1;
}

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

/**
 * Where grid point `index` (timestamp `ms`) falls in its season, 0 ≤ phase < 1. Calendar seasons are read
 * from the clock (month of year, hour of day, day of week), so gaps and month lengths cannot shift them;
 * any other period counts grid steps.
 */
export function seasonPhase(frequency: Frequency, period: number, ms: number, index: number): number {
  const d = new Date(ms);
  const near = (p: number) => Math.abs(period - p) < 0.5;
  if (frequency === 'monthly' && near(12)) return d.getUTCMonth() / 12;
  if (frequency === 'quarterly' && near(4)) return Math.floor(d.getUTCMonth() / 3) / 4;
  if (frequency === 'hourly' && near(24)) return d.getUTCHours() / 24;
  if (frequency === 'hourly' && near(168)) return (d.getUTCDay() * 24 + d.getUTCHours()) / 168;
  if (frequency === 'daily' && near(7)) return d.getUTCDay() / 7;
  if ((frequency === 'daily' && period > 360) || (frequency === 'weekly' && near(52))) {
    const dayOfYear = (ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY;
    return (dayOfYear / YEAR_DAYS) % 1;
  }
  const r = index % period;
  return (r < 0 ? r + period : r) / period;
}
