/** Reads a policy file (JSON); a problem names the file, the line and column of a syntax error, or the field. */
import fs from 'node:fs';
import { servingPolicySchema, type ServingPolicy } from '../../shared/serving/index';

export function parsePolicy(text: string, file = 'policy'): ServingPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    if (m) {
      const before = text.slice(0, Number(m[1])).split('\n');
      throw new Error(`${file}:${before.length}:${before[before.length - 1].length + 1}: not valid JSON (${(err as Error).message})`);
    }
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
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
