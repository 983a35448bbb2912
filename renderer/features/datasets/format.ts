import type { ColumnType } from '../../../shared/api/datasets-dto';

export const isNumericType = (t: ColumnType) => t === 'integer' || t === 'float';
export const isTimeType = (t: ColumnType) => t === 'date' || t === 'datetime';

const compact = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 5 });
const whole = new Intl.NumberFormat();

/** Statistics: whole numbers in full, the rest to 5 significant digits. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? whole.format(v) : compact.format(v);
}

/** Date statistics come as epoch milliseconds. */
export function formatTime(ms: number | null | undefined, type: ColumnType): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return type === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** A statistic of a column, read the way its type reads. */
export function formatStat(v: number | null | undefined, type: ColumnType): string {
  return isTimeType(type) ? formatTime(v, type) : formatNumber(v);
}

/** A spread of epoch-ms values, as days. */
export function formatSpread(v: number | null | undefined, type: ColumnType): string {
  if (!isTimeType(type) || v === null || v === undefined) return formatNumber(v);
  return `${formatNumber(v / 86_400_000)} days`;
}

export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const pct = (part / whole) * 100;
  return `${pct > 0 && pct < 0.1 ? '<0.1' : pct.toFixed(pct < 10 ? 1 : 0)}%`;
}

/** Short labels for type badges. */
export const TYPE_LABEL: Record<ColumnType, string> = {
  integer: 'int',
  float: 'float',
  boolean: 'bool',
  date: 'date',
  datetime: 'datetime',
  categorical: 'cat',
  text: 'text',
};
