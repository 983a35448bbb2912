import { z } from 'zod';

/** Longest id (or id prefix) accepted: a uuid is 36 characters. */
export const ID_MAX = 64;
/** Longest "id or name" reference accepted (a dataset name, NAME@VERSION, a sample's id). */
export const REF_MAX = 200;

/** Lower-case hex digits and dashes: what the host's uuids (and their short prefixes) are made of. */
export const ID_PATTERN = /^[0-9a-f-]+$/;

export function isIdLike(s: string): boolean {
  return s.length > 0 && s.length <= ID_MAX && ID_PATTERN.test(s);
}

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * An id the host made (a uuid), or a prefix of one where the method resolves prefixes (the app
 * and the CLI show 8-character ids). Upper-case digits are read as lower-case.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(ID_MAX)
  .toLowerCase()
  .regex(ID_PATTERN, 'an id: hex digits and dashes');

/** A field that takes an id or a name (a dataset, a run id or NAME@VERSION / NAME@ALIAS). */
export const refSchema = z
  .string()
  .min(1)
  .max(REF_MAX)
  .refine((s) => !hasControlChars(s), 'no control characters');
