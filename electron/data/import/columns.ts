import type { ColumnType } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import { inferRawType, rawTypeOf, type RawType } from './infer';

/** A column as the import plans it from the sample, before the full pass confirms its type. */
export interface SinkColumn {
  name: string;
  type: RawType;
  /** Set by the user: values that do not fit are bad rows, not a reason to widen. */
  fixed: boolean;
  /** The user asked for categorical or text explicitly. */
  stringKind?: 'categorical' | 'text';
}

/** Names from the header, the user, or generated; blanks filled and duplicates made unique. */
export function columnNames(width: number, header: string[] | null, given?: string[]): string[] {
  if (given && given.length !== width) {
    throw new ApiError('bad_request', `${given.length} column names were given but the file has ${width} columns`, { field: 'columns' });
  }
  const raw = given ?? header ?? [];
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    let name = (raw[i] ?? '').trim() || `column_${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name}_${n + 1}`;
    return name;
  });
}

/** Sampled types, with the user's overrides (by name or by generated name) taking precedence. */
export function planColumns(names: string[], sample: (string | null)[][], trimLeading: boolean, overrides: Record<string, ColumnType>): SinkColumn[] {
  const known = new Set(names.concat(names.map((_, i) => `column_${i + 1}`)));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) throw new ApiError('bad_request', `Type given for unknown column '${key}'`, { field: `types.${key}` });
  }
  return names.map((name, i) => {
    const override = overrides[name] ?? overrides[`column_${i + 1}`];
    if (override) {
      return { name, type: rawTypeOf(override), fixed: true, stringKind: override === 'categorical' || override === 'text' ? override : undefined };
    }
    const values = sample.map((r) => {
      const v = r[i] ?? '';
      return trimLeading && v !== null && v.charCodeAt(0) === 32 ? v.slice(1) : (v ?? '');
    });
    const t = inferRawType(values.map((v) => v.trim()));
    return { name, type: t, fixed: false };
  });
}

