/**
 * Reads a policy file: JSON, read with JSON5 so a policy may carry comments and trailing commas. A problem names the
 * file and the line and column of a syntax error, or the field that is wrong.
 */
import fs from 'node:fs';
import JSON5 from 'json5';
import { servingPolicySchema, type ServingPolicy } from '../../shared/serving/index';

export function parsePolicy(text: string, file = 'policy'): ServingPolicy {
  let raw: unknown;
  try {
    raw = JSON5.parse(text);
  } catch (err) {
    const e = err as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const where = e.lineNumber ? `:${e.lineNumber}:${e.columnNumber ?? 1}` : '';
    throw new Error(`${file}${where}: not valid JSON (${e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '')})`);
  }
  const r = servingPolicySchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${file}: ${issue.path.length ? issue.path.join('.') : '(policy)'}: ${issue.message}`);
  }
  return r.data;
}

export function readPolicyFile(file: string): ServingPolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  return parsePolicy(text, file);
}
