import { rollbackTarget as sharedRollbackTarget, type AliasMoveDto } from '../../../shared/api/methods/registry';

/** The rules of `models.register`'s name, checked while the user types. */
export function modelNameError(raw: string): string | null {
  const name = raw.trim();
  if (!name) return 'Give the model a name.';
  if (name.length > 100) return 'At most 100 characters.';
  if (!/^[A-Za-z0-9][A-Za-z0-9._ -]*$/.test(name)) return 'Letters, digits, space, dot, dash and underscore, starting with a letter or digit.';
  return null;
}

/** The rules of an alias (`models.promote`). */
export function aliasError(raw: string): string | null {
  const alias = raw.trim();
  if (!alias) return 'Name the alias.';
  if (alias.length > 40) return 'At most 40 characters.';
  if (!/^[a-z][a-z0-9-]*$/.test(alias)) return 'Lower-case letters, digits and dashes, starting with a letter.';
  return null;
}

/**
 * The version a rollback of `alias` lands on, read from the history (newest first) the way the
 * host reads it: each earlier rollback skips one more move back.
 */
export function rollbackTarget(history: AliasMoveDto[], alias: string): string | null {
  return sharedRollbackTarget(history.filter((m) => m.alias === alias).map((m) => ({ action: m.action, from: m.fromVersion })));
}

/** The aliases everyone knows first, then the ones this model has. */
export const COMMON_ALIASES = ['production', 'staging'];

export const v = (version: string | null | undefined) => (version ? `v${version}` : '—');

