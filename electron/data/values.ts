/** Recognising missing markers and typed values in raw text cells. */

/** Values read as missing, compared without case. */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', 'null', '?', 'nan', '#n/a', 'none', '-'];
const MISSING = new Set(MISSING_MARKERS);

export function isMissing(v: string): boolean {
  const n = v.length;
  if (n === 0) return true;
  if (n > 4) return false;
  // Every marker starts with n, N, ?, # or -: most values are ruled out without allocating.
  const c = v.charCodeAt(0);
  if (c !== 110 && c !== 78 && c !== 63 && c !== 35 && c !== 45) return false;
  return MISSING.has(v.toLowerCase());
}

const INT_RE = /^[+-]?\d{1,16}$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 't', 'y']);
const FALSE = new Set(['false', 'no', 'f', 'n']);
// ISO-like dates: 2024-03-01, 2024/03/01, 1949-01 (month), optionally with a time part.
const DATE_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A whole number that a double holds exactly: |n| ≤ 2^53 − 1 (Number.MAX_SAFE_INTEGER). Longer
 * ones (20-digit ids) are not integers here: as doubles, distinct ids would become one value.
 */
export function parseInteger(v: string): number | null {
  if (!INT_RE.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** Any finite decimal number, rounded to the nearest double (for a column the user typed as float). */
export function parseFloatStrict(v: string): number | null {
  if (!FLOAT_RE.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * As parseFloatStrict, but only for literals a double keeps exactly as written: an integer
 * literal beyond 2^53 − 1, or one with more significant digits than a double reads back (more
 * than 15, unless Number(v) prints the same digits), is null. Inference uses it, so such a
 * column is typed as text rather than stored as rounded numbers.
 */
export function parseFloatExact(v: string): number | null {
  const n = parseFloatStrict(v);
  if (n === null || v.length <= 15) return n;
  return keepsDigits(v, n) ? n : null;
}

/** Whether the double `n` read from the numeric literal `v` holds all of v's significant digits. */
function keepsDigits(v: string, n: number): boolean {
  const body = v.charCodeAt(0) === 43 || v.charCodeAt(0) === 45 ? v.slice(1) : v;
  const e = body.search(/[eE]/);
  const mantissa = e < 0 ? body : body.slice(0, e);
  const exp = e < 0 ? 0 : Number(body.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const all = intPart + (dot < 0 ? '' : mantissa.slice(dot + 1));
  const lead = all.search(/[1-9]/);
  if (lead < 0) return true; // zero
  // An integer literal (no point, no exponent) beyond 2^53 − 1 is an identifier, not a quantity.
  if (dot < 0 && e < 0 && !Number.isSafeInteger(n)) return false;
  const digits = all.slice(lead).replace(/0+$/, '');
  if (digits.length <= 15) return true;
  // The shortest digits that read back as n, and the decimal exponent of the leading digit.
  const [m, x] = Math.abs(n).toExponential().split('e');
  return m.replace('.', '').replace(/0+$/, '') === digits && Number(x) === intPart.length - 1 - lead + exp;
}

export function parseBoolean(v: string): boolean | null {
  const l = v.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  return null;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (v: string, i: number) => {
  const c = v.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Fast check of the common YYYY-MM-DD shape, without regex or Date objects. */
function isIsoDay(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y0 = digit(v, 0), y1 = digit(v, 1), y2 = digit(v, 2), y3 = digit(v, 3);
  const m0 = digit(v, 5), m1 = digit(v, 6), d0 = digit(v, 8), d1 = digit(v, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (m < 1 || m > 12 || day < 1 || day > DAYS[m - 1]) return false;
  return m !== 2 || day < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whether a value is a valid ISO-like date (the importer stores dates as they are written). */
export function isDate(v: string): boolean {
  return isIsoDay(v) || parseDate(v) !== null;
}

/** Epoch ms (UTC) of an ISO-like date, or null. Checks the calendar, so 2023-02-30 is not a date. */
export function parseDate(v: string): number | null {
  if (isIsoDay(v)) {
    const y = +v.slice(0, 4);
    return daysFromCivil(y, +v.slice(5, 7), +v.slice(8, 10)) * 86400000;
  }
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
