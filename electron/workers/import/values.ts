/** Recognising missing markers and typed values in raw text cells. */

const MISSING = new Set(['', 'na', 'n/a', 'null', '?', 'nan', '#n/a', 'none', '-']);

export function isMissing(v: string): boolean {
  return v.length <= 4 && MISSING.has(v.toLowerCase());
}

const INT_RE = /^[+-]?\d{1,15}$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 't', 'y']);
const FALSE = new Set(['false', 'no', 'f', 'n']);
// ISO-like dates: 2024-03-01, 2024/03/01, 1949-01 (month), optionally with a time part.
const DATE_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseInteger(v: string): number | null {
  return INT_RE.test(v) ? Number(v) : null;
}

export function parseFloatStrict(v: string): number | null {
  if (!FLOAT_RE.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseBoolean(v: string): boolean | null {
  const l = v.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  return null;
}

/** Epoch ms (UTC) of an ISO-like date, or null. Checks the calendar, so 2023-02-30 is not a date. */
export function parseDate(v: string): number | null {
  const m = DATE_RE.exec(v);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d);
  return new Date(t).getUTCDate() === d ? t : null;
}

export function parseDatetime(v: string): number | null {
  if (!DATETIME_RE.test(v)) return null;
  const t = Date.parse(v.includes('T') ? v : v.replace(' ', 'T') + (/[Z+-]\d*:?\d*$/.test(v.slice(10)) ? '' : 'Z'));
  return Number.isFinite(t) ? t : null;
}
