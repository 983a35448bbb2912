/** What-if rows as the renderer sends them (loose JSON values) → the typed frame a model reads. */
import type { Column, Frame } from '../../../models/frame/frame';
import { ApiError } from '../../../shared/api/errors';
import { isMissing, parseBoolean, parseDate, parseDatetime, parseFloatStrict } from '../../data/values';
import type { ExplorerModel } from './explorer-model';
import { inputKind } from './schema';

/** Typed columns in the model's input order; unknown keys and unreadable values are refused by name. */
export function rowsToFrame(m: ExplorerModel, rows: Record<string, unknown>[]): Frame {
  const features = m.artifact.features;
  const known = new Set(features);
  rows.forEach((row, r) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new ApiError('bad_request', `rows.${r}.${key}: not an input of this model (inputs: ${features.join(', ')})`, { field: `rows.${r}.${key}` });
    }
  });
  const columns: Column[] = features.map((name) => {
    const type = m.columns.get(name)?.type;
    const kind = inputKind(type);
    if (kind === 'categorical' || kind === 'text') {
      return { name, type: kind, values: rows.map((row) => asText(row[name])) };
    }
    const values = new Float64Array(rows.length);
    rows.forEach((row, r) => {
      const v = asNumber(row[name], kind);
      if (v === undefined) {
        throw new ApiError('bad_request', `rows.${r}.${name}: ${JSON.stringify(row[name])} is not a ${kind === 'date' ? 'date' : kind === 'boolean' ? 'boolean' : 'number'}`, { field: `rows.${r}.${name}` });
      }
      values[r] = v;
    });
    return { name, type: kind === 'date' ? 'date' : kind === 'boolean' ? 'boolean' : (type === 'integer' ? 'integer' : 'float'), values };
  });
  return { columns, rowCount: rows.length };
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return isMissing(s.trim()) ? null : s;
}

/** NaN for missing, undefined for unreadable. Dates come as epoch milliseconds or ISO text. */
function asNumber(v: unknown, kind: 'numeric' | 'boolean' | 'date'): number | undefined {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'boolean') return kind === 'boolean' ? (v ? 1 : 0) : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? (kind === 'boolean' ? (v === 0 || v === 1 ? v : undefined) : v) : NaN;
  const s = String(v).trim();
  if (isMissing(s)) return NaN;
  if (kind === 'boolean') {
    const b = parseBoolean(s);
    return b === null ? undefined : b ? 1 : 0;
  }
  if (kind === 'date') return parseDate(s) ?? parseDatetime(s) ?? undefined;
  return parseFloatStrict(s) ?? undefined;
}
