/** Calendar parts extracted from epoch-millisecond dates (UTC, so results do not depend on the host zone). */
export type DatePart = 'year' | 'month' | 'day' | 'dayOfWeek' | 'dayOfYear' | 'hour';

export const DEFAULT_DATE_PARTS: DatePart[] = ['year', 'month', 'day', 'dayOfWeek', 'dayOfYear', 'hour'];

const DAY_MS = 86_400_000;

export function datePart(ms: number, part: DatePart): number {
  if (!Number.isFinite(ms)) return NaN;
  const d = new Date(ms);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'dayOfWeek':
      return d.getUTCDay();
    case 'dayOfYear':
      return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
    case 'hour':
      return d.getUTCHours();
  }
}

export function datePartColumn(values: Float64Array, part: DatePart): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = datePart(values[i], part);
  return out;
}
