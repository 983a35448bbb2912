import type { Frame } from '../../../models/frame/frame';
import { ApiError } from '../../../shared/api/errors';

const normalize = (v: string) => v.trim().replace(/\.$/, '');

/**
 * A separate test file often spells class labels slightly differently (adult's test file ends
 * every label with a period). Labels that match a training label once trimmed and stripped of
 * one trailing period are mapped, and the mapping is reported; any other unseen label is an error.
 */
export function alignTestLabels(train: Frame, test: Frame, target: string): { frame: Frame; notes: string[] } {
  const tr = train.columns.find((c) => c.name === target);
  const te = test.columns.find((c) => c.name === target);
  if (!tr || !te || tr.values instanceof Float64Array || te.values instanceof Float64Array) return { frame: test, notes: [] };
  const known = new Set(tr.values.filter((v): v is string => v !== null));
  const byNormal = new Map([...known].map((k) => [normalize(k), k]));
  const mapping = new Map<string, string>();
  const unknown = new Set<string>();
  for (const v of te.values) {
    if (v === null || known.has(v) || mapping.has(v)) continue;
    const m = byNormal.get(normalize(v));
    if (m !== undefined) mapping.set(v, m);
    else unknown.add(v);
  }
  if (unknown.size > 0) {
    const shown = [...unknown].slice(0, 5).map((v) => `'${v}'`).join(', ');
    throw new ApiError('bad_request', `The test dataset's '${target}' has labels the training data never has: ${shown}`, { field: 'testDataset' });
  }
  if (mapping.size === 0) return { frame: test, notes: [] };
  const values = te.values.map((v) => (v !== null && mapping.has(v) ? mapping.get(v)! : v));
  const notes = [`Test labels matched to training labels: ${[...mapping].map(([a, b]) => `'${a}' → '${b}'`).join(', ')}`];
  return { frame: { ...test, columns: test.columns.map((c) => (c === te ? { ...c, values } : c)) }, notes };
}
