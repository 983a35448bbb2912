import readline from 'node:readline';
import { openTextStream, type TextStreamStats } from './text-stream';

export type JsonRecord = Record<string, unknown>;

/** A JSON value as the text cell the importer types: null stays null, objects become JSON. */
export function jsonCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
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
      rec = JSON.parse(text);
    } catch (err) {
      onRecord(new Error(`not valid JSON (${(err as Error).message})`), line);
      continue;
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) onRecord(new Error('expected a JSON object'), line);
    else onRecord(rec as JsonRecord, line);
  }
}
