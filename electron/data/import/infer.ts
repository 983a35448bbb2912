import type { ColumnType } from '../../../shared/api/datasets-dto';
import { isDate, isMissing, parseBoolean, parseDate, parseDatetime, parseFloatExact, parseFloatStrict, parseInteger } from '../values';

/** Candidate types from narrowest to widest; strings decide categorical vs text at the end. */
export type RawType = 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'string';

/**
 * Whether an inferred type holds a value as written. Numbers must be exact: an integer beyond
 * 2^53 − 1 or a decimal with more digits than a double keeps fits neither integer nor float,
 * so its column becomes text instead of holding rounded values.
 */
export function fits(type: RawType, v: string): boolean {
  switch (type) {
    case 'integer':
      return parseInteger(v) !== null;
    case 'float':
      return parseFloatExact(v) !== null;
    case 'boolean':
      return parseBoolean(v) !== null;
    case 'date':
      return isDate(v);
    case 'datetime':
      return parseDatetime(v) !== null || isDate(v);
    case 'string':
      return true;
  }
}

/** The narrowest type that holds every non-missing value in the sample. */
export function inferRawType(values: string[]): RawType {
  const present = values.filter((v) => !isMissing(v));
  if (present.length === 0) return 'string';
  for (const t of ['integer', 'float', 'boolean', 'date', 'datetime'] as const) {
    if (present.every((v) => fits(t, v))) return t;
  }
  return 'string';
}

/** Where a value that does not fit goes: integer → float, anything else → string. */
export function widen(type: RawType, v: string): RawType {
  if (type === 'integer' && fits('float', v)) return 'float';
  if (type === 'date' && fits('datetime', v)) return 'datetime';
  return 'string';
}

export function rawTypeOf(t: ColumnType): RawType {
  return t === 'categorical' || t === 'text' ? 'string' : t;
}

/** Tracks what the full pass needs to settle a string column as categorical or text. */
export class StringStats {
  private distinct = new Set<string>();
  private lengthSum = 0;
  private spaceSum = 0;
  count = 0;
  capped = false;

  add(v: string): void {
    this.count++;
    this.lengthSum += v.length;
    if (this.count <= 20000) {
      let spaces = 0;
      for (let i = 0; i < v.length && spaces < 10; i++) if (v.charCodeAt(i) === 32) spaces++;
      this.spaceSum += spaces;
    }
    if (!this.capped && !this.distinct.has(v)) {
      // A copy, not a slice: a slice would keep the whole chunk of file text it came from alive.
      this.distinct.add((' ' + v).slice(1));
      if (this.distinct.size > 5000) {
        this.capped = true;
        this.distinct.clear();
      }
    }
  }

  /** Short labels that repeat are categories; long or word-rich, mostly unique values are text. */
  settle(): 'categorical' | 'text' {
    if (this.count === 0) return 'categorical';
    const meanLength = this.lengthSum / this.count;
    const meanWords = this.spaceSum / Math.min(this.count, 20000) + 1;
    if (meanLength >= 40 || meanWords >= 4) return 'text';
    if (this.capped) return 'text';
    const ratio = this.distinct.size / this.count;
    return this.distinct.size <= 50 || ratio <= 0.5 ? 'categorical' : 'text';
  }
}

/** Whether a value fits a type the user fixed: as fits, but a float may be rounded (the user asked for floats). */
export function fitsFixed(type: RawType, v: string): boolean {
  return type === 'float' ? parseFloatStrict(v) !== null : fits(type, v);
}

/** The stored cell for a value of a user-fixed type, or undefined when it does not fit. */
export function convertFixed(type: ColumnType, v: string): number | string | undefined {
  switch (type) {
    case 'integer':
      return parseInteger(v) ?? undefined;
    case 'float':
      return parseFloatStrict(v) ?? undefined;
    case 'boolean': {
      const b = parseBoolean(v);
      return b === null ? undefined : b ? 1 : 0;
    }
    case 'date':
      return parseDate(v) === null ? undefined : v;
    case 'datetime':
      return parseDatetime(v) === null && parseDate(v) === null ? undefined : v;
    default:
      return v;
  }
}
