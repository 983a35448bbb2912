/**
 * Typed values read straight from a span of text, without creating a string. Each function
 * recognises only the plain common forms and gives up otherwise (NaN / -1 / false): the caller
 * then types the cell as a string through values.ts, so an answer here always equals the
 * answer there.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** As parseInteger: up to 15 digits with an optional sign; NaN otherwise. */
export function spanInteger(t: string, s: number, e: number): number {
  let neg = false;
  let c = t.charCodeAt(s);
  if (c === 45 || c === 43) {
    neg = c === 45;
    s++;
  }
  const digits = e - s;
  if (digits < 1 || digits > 15) return NaN;
  let x = 0;
  for (let i = s; i < e; i++) {
    c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    x = x * 10 + c;
  }
  return neg ? -x : x;
}

/**
 * As parseFloatStrict for plain decimals (no exponent, at most 15 digits): the digits as an
 * integer divided by a power of ten. Both are exact doubles, so the one correctly rounded
 * division equals Number(text).
 */
export function spanFloat(t: string, s: number, e: number): number {
  let neg = false;
  let c = t.charCodeAt(s);
  if (c === 45 || c === 43) {
    neg = c === 45;
    s++;
  }
  if (e - s > 16 || e <= s) return NaN;
  let x = 0;
  let digits = 0;
  let dot = -1;
  for (let i = s; i < e; i++) {
    c = t.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0) return NaN;
      dot = i;
      continue;
    }
    c -= 48;
    if (c < 0 || c > 9) return NaN;
    x = x * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = dot < 0 ? x : x / POW10[e - dot - 1];
  return neg ? -v : v;
}

/** As parseBoolean for ASCII words: 1, 0, or -1 when not a plain boolean word. */
export function spanBoolean(t: string, s: number, e: number): number {
  const n = e - s;
  if (n < 1 || n > 5) return -1;
  // Lower-case ASCII letters only; anything else goes the string way.
  let w = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    w = w * 32 + (c - 96);
  }
  switch (w) {
    case TRUE_W:
    case YES_W:
    case T_W:
    case Y_W:
      return 1;
    case FALSE_W:
    case NO_W:
    case F_W:
    case N_W:
      return 0;
  }
  return -1;
}

function word(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w = w * 32 + (s.charCodeAt(i) - 96);
  return w;
}
const TRUE_W = word('true'), YES_W = word('yes'), T_W = word('t'), Y_W = word('y');
const FALSE_W = word('false'), NO_W = word('no'), F_W = word('f'), N_W = word('n');

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** As isDate for the YYYY-MM-DD form, calendar checked. */
export function spanIsoDay(t: string, s: number, e: number): boolean {
  if (e - s !== 10 || t.charCodeAt(s + 4) !== 45 || t.charCodeAt(s + 7) !== 45) return false;
  let y = 0;
  for (let i = s; i < s + 4; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    y = y * 10 + d;
  }
  const m0 = t.charCodeAt(s + 5) - 48, m1 = t.charCodeAt(s + 6) - 48;
  const d0 = t.charCodeAt(s + 8) - 48, d1 = t.charCodeAt(s + 9) - 48;
  if (m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9 || d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9) return false;
  const m = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (m < 1 || m > 12 || day < 1 || day > DAYS[m - 1]) return false;
  return m !== 2 || day < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}
