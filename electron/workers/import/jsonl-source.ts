import readline from 'node:readline';
import { openTextStream, type TextStreamStats } from './text-stream';
import { parseFloatExact } from '../../data/values';

export type JsonRecord = Record<string, unknown>;

/** A JSON value as the text cell the importer types: null stays null, objects become JSON. */
export function jsonCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * JSON.parse rounds every number to a double, so 20-digit ids would arrive rounded. A number a
 * double does not keep as written (see parseFloatExact) is quoted first and arrives as its text.
 */
export function quoteInexactNumbers(json: string): string {
  if (!/\d{16}/.test(json)) return json;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(json.slice(i, i + 400));
      if (!m) continue;
      const token = m[0];
      if (parseFloatExact(token) === null) {
        out += json.slice(from, i) + '"' + token + '"';
        from = i + token.length;
      }
      i += token.length - 1;
    }
  }
  return from === 0 ? json : out + json.slice(from);
}

/** Streams JSON Lines; each line is one object. Blank lines are skipped; `line` is 1-based. */
export async function streamJsonl(
  file: string,
  opts: { encoding: 'utf-8' | 'latin1'; signal: AbortSignal },
  onRecord: (rec: JsonRecord | Error, line: number) => void,
  statsOut?: (s: TextStreamStats) => void,
): Promise<void> {
  const { stream, stats } = openTextStream(file, opts.encoding, opts.signal);
  statsOut?.(stats);
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (opts.signal.aborted) throw new Error('cancelled');
    if (!text.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(quoteInexactNumbers(text));
    } catch (err) {
      onRecord(new Error(`not valid JSON (${(err as Error).message})`), line);
      continue;
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) onRecord(new Error('expected a JSON object'), line);
    else onRecord(rec as JsonRecord, line);
  }
}
