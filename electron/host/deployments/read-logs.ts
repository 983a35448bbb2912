import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { LOG_FILE_PATTERN, logLineSchema, type DecisionLine, type FeedbackLine, type PredictionLine } from '../../../shared/serving/index';

export interface ServingLogs {
  predictions: PredictionLine[];
  feedback: FeedbackLine[];
  decisions: DecisionLine[];
  files: number;
  lines: number;
  /** sha256 over every file's name and bytes, in reading order: the same logs give the same fingerprint. */
  fingerprint: string;
}

/** Files of one kind and instance in the order written: rotated .1, .2, … first, then the live file. */
function readingOrder(names: string[]): string[] {
  const key = (n: string) => {
    const m = LOG_FILE_PATTERN.exec(n)!;
    return { kind: m[1], instance: m[2], rotation: m[3] === undefined ? Infinity : Number(m[3]) };
  };
  return [...names].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.kind.localeCompare(kb.kind) || ka.instance.localeCompare(kb.instance) || ka.rotation - kb.rotation;
  });
}

/**
 * Reads a serve-model --logs folder. Every line is checked against the log schemas; the first bad
 * one is refused with its file and line (and the field, for a schema mismatch), before anything is written.
 */
export function readServingLogs(dir: string): ServingLogs {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    throw new ApiError('bad_request', `Cannot read the log folder ${dir}: ${(err as Error).message}`, { field: 'dir' });
  }
  const names = readingOrder(entries.filter((n) => LOG_FILE_PATTERN.test(n)));
  if (names.length === 0) throw new ApiError('bad_request', `${dir} holds no serve-model logs (predictions-*.jsonl, feedback-*.jsonl, decisions-*.jsonl)`, { field: 'dir' });
  const out: ServingLogs = { predictions: [], feedback: [], decisions: [], files: names.length, lines: 0, fingerprint: '' };
  const hash = createHash('sha256');
  for (const name of names) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    hash.update(name).update('\0').update(text).update('\0');
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].trim();
      if (raw === '') continue;
      const where = `${file}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        throw new ApiError('bad_request', `${where}: not a JSON line (${(err as Error).message})`, { file, line: i + 1 });
      }
      const parsed = logLineSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path.map(String).join('.') || '(line)';
        throw new ApiError('bad_request', `${where}: field '${field}': ${issue.message}`, { file, line: i + 1, field });
      }
      const line = parsed.data;
      if (!Number.isFinite(Date.parse(line.time))) throw new ApiError('bad_request', `${where}: field 'time': not an ISO time ('${line.time}')`, { file, line: i + 1, field: 'time' });
      if (line.type === 'prediction') out.predictions.push(line);
      else if (line.type === 'feedback') out.feedback.push(line);
      else out.decisions.push(line);
      out.lines++;
    }
  }
  out.fingerprint = hash.digest('hex');
  return out;
}
