import { createRequire } from 'node:module';
import { ApiError } from '../../../shared/api/errors';
import type BetterSqlite3 from 'better-sqlite3';

type DatabaseCtor = typeof BetterSqlite3;
let ctor: DatabaseCtor | null = null;

/**
 * better-sqlite3 is loaded on first use, so a missing or mismatched native build
 * gives one clear error instead of a crash at start-up.
 */
export function loadSqlite(): DatabaseCtor {
  if (ctor) return ctor;
  try {
    const require = createRequire(import.meta.url);
    ctor = require('better-sqlite3') as DatabaseCtor;
    return ctor;
  } catch (err) {
    throw new ApiError(
      'unavailable',
      `The SQLite engine (better-sqlite3) could not be loaded: ${(err as Error).message.split('\n')[0]}. ` +
        'Reinstall dependencies with `npm install` (or `npm rebuild better-sqlite3`).',
    );
  }
}
