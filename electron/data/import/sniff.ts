import { isMissing, parseDate, parseDatetime, parseFloatStrict } from '../values';

/** UTF-8 unless the bytes are not valid UTF-8, then Latin-1 (which decodes anything). */
export function detectEncoding(head: Uint8Array): 'utf-8' | 'latin1' {
  try {
    // A multi-byte character cut at the end of the sample is not an error: drop the last 3 bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(head.length > 4 ? head.subarray(0, head.length - 3) : head);
    return 'utf-8';
  } catch {
    return 'latin1';
  }
}

/** A file with NUL bytes or many control characters near its start is not text. */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export function detectFormat(file: string, text: string): 'csv' | 'jsonl' | 'parquet' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  const first = text.replace(/^\uFEFF/, '').trimStart();
  if (first.startsWith('{')) {
    const line = first.split(/\r?\n/, 1)[0];
    try {
      if (typeof JSON.parse(line) === 'object') return 'jsonl';
    } catch {
      // Not JSON Lines after all.
    }
  }
  return 'csv';
}

/** Counts a delimiter per line outside quotes (`quote` may be a character that never occurs). */
function countsPerLine(lines: string[], d: string, quote: string): number[] {
  return lines.map((line) => {
    let inQ = false;
    let n = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === quote) inQ = !inQ;
      else if (c === d && !inQ) n++;
    }
    return n;
  });
}

/** The candidate that splits the first lines most consistently into more than one field. */
export function sniffDelimiter(text: string, quote = '"'): string {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(0, 50);
  if (lines.length > 1 && text.length >= 65536) lines.pop(); // may be cut mid-line
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';', '|']) {
    const counts = countsPerLine(lines, d, quote);
    const mode = modeOf(counts);
    if (mode === 0) continue;
    const consistent = counts.filter((c) => c === mode).length / counts.length;
    const score = consistent * 100 + Math.min(mode, 50);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function modeOf(xs: number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [x, n] of m) if (n > bestN || (n === bestN && x > best)) [best, bestN] = [x, n];
  return best;
}

/** True when nearly every field after a delimiter starts with one space (e.g. "a, b, c"). */
export function hasConsistentLeadingSpace(rows: string[][]): boolean {
  let fields = 0;
  let spaced = 0;
  for (const r of rows.slice(0, 200)) {
    for (let i = 1; i < r.length; i++) {
      fields++;
      if (r[i].startsWith(' ')) spaced++;
    }
  }
  return fields > 0 && spaced / fields >= 0.9;
}

type Kind = 'number' | 'date' | 'string' | 'missing';
const kindOf = (v: string): Kind => {
  const t = v.trim();
  if (isMissing(t)) return 'missing';
  if (parseFloatStrict(t) !== null) return 'number';
  if (parseDate(t) !== null || parseDatetime(t) !== null) return 'date';
  return 'string';
};

/**
 * Whether the first row is a header: it is when, column by column, its cell is a string
 * while the data below is mostly numbers or dates, or when its cells are distinct labels
 * unlike the values below (longer or shorter than the column's typical value).
 */
export function detectHeader(rows: string[][]): boolean {
  if (rows.length < 2) return rows.length === 1 && rows[0].every((c) => kindOf(c) === 'string');
  const [first, ...rest] = rows.slice(0, 200);
  if (first.some((c) => kindOf(c) === 'number' || kindOf(c) === 'date')) return false;
  if (new Set(first.map((c) => c.trim())).size !== first.length) return false;
  let votes = 0;
  for (let c = 0; c < first.length; c++) {
    const kinds = rest.map((r) => kindOf(r[c] ?? '')).filter((k) => k !== 'missing');
    if (kinds.length === 0) continue;
    const typed = kinds.filter((k) => k !== 'string').length / kinds.length;
    if (typed > 0.5) {
      votes++;
      continue;
    }
    // All strings: a header cell rarely repeats as a value and usually differs in length, from codes
    // of one length (u1, u2: any difference, as Python's csv.Sniffer) or from free text (by a margin).
    const values = rest.map((r) => (r[c] ?? '').trim());
    const head = first[c].trim();
    if (values.includes(head)) votes--;
    else {
      const oneLength = values.every((v) => v.length === values[0].length);
      const meanLen = values.reduce((a, v) => a + v.length, 0) / values.length;
      if (oneLength ? head.length !== values[0].length : Math.abs(head.length - meanLen) > Math.max(2, meanLen * 0.3)) votes++;
    }
  }
  return votes > 0;
}
