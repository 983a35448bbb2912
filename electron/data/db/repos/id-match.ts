import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../../shared/api/errors';
import { isIdLike } from '../../../../shared/api/ids';

/** How many candidates an ambiguous short id names. */
const SHOWN = 10;

/**
 * The full id a user means: the exact id, else the one id that starts with the given prefix.
 * Prefixes are compared as plain text (no LIKE or GLOB, so `%`, `_`, `*` are characters, never
 * patterns) and only hex digits and dashes make a prefix; anything else must match exactly.
 * An ambiguous prefix is refused with the candidates named.
 */
export function resolveId(db: Database, table: 'runs' | 'sweeps', given: string, noun: string, field = 'id'): string {
  const exact = db.prepare(`SELECT id FROM ${table} WHERE id = ?`).get(given) as { id: string } | undefined;
  if (exact) return exact.id;
  const prefix = given.toLowerCase();
  if (!isIdLike(prefix)) throw new ApiError('not_found', `No ${noun} with id '${shorten(given)}'`, { field });
  const rows = db
    .prepare(`SELECT id FROM ${table} WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?`)
    .all(prefix.length, prefix, SHOWN + 1) as { id: string }[];
  if (rows.length === 0) throw new ApiError('not_found', `No ${noun} with id '${given}'`, { field });
  if (rows.length > 1) {
    const candidates = rows.slice(0, SHOWN).map((r) => r.id);
    const more = rows.length > SHOWN ? ', …' : '';
    throw new ApiError('bad_request', `${cap(noun)} id '${given}' is ambiguous: it starts ${candidates.join(', ')}${more}. Give more characters.`, {
      field,
      candidates,
    });
  }
  return rows[0].id;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Long or odd input is echoed only in part. */
function shorten(s: string): string {
  const printable = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}
