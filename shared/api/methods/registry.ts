import { z } from 'zod';
import { method } from '../define';
import { idSchema, refSchema } from '../ids';

export interface ModelVersionDto {
  id: string;
  name: string;
  version: string;
  runId: string;
  description: string;
  createdAt: string;
  /** Lineage: what the version was trained on. */
  family: string | null;
  task: string | null;
  target: string | null;
  datasetId: string | null;
  datasetName: string | null;
  datasetSha256: string | null;
  seed: number | null;
  metrics: Record<string, number> | null;
  aliases: string[];
}

/** A version just registered, with a warning when it scores worse than the one in production. */
export interface RegisteredVersionDto extends ModelVersionDto {
  warning: string | null;
}

export interface AliasMoveDto {
  alias: string;
  action: 'set' | 'rollback';
  fromVersion: string | null;
  toVersion: string | null;
  note: string;
  at: string;
}

/**
 * Where a rollback of an alias lands, from its moves newest first: the previous holder, where
 * each earlier rollback skips one more move back (rolling back twice goes two steps back).
 * The host applies it; the renderer uses it to name the target before asking.
 */
export function rollbackTarget<T>(movesNewestFirst: Iterable<{ action: string; from: T | null }>): T | null {
  let skip = 0;
  for (const m of movesNewestFirst) {
    if (m.action === 'rollback') skip++;
    else if (skip > 0) skip--;
    else return m.from;
  }
  return null;
}

export interface ModelDetailDto {
  name: string;
  versions: ModelVersionDto[];
  aliases: Record<string, string>;
  history: AliasMoveDto[];
}

export const modelName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/, 'letters, digits, space, dot, dash and underscore; starting with a letter or digit');
const alias = z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

export const registryMethods = {
  /** Registers a succeeded run as the next version of a named model (semantic versions, bumped). */
  'models.register': method<RegisteredVersionDto>()(
    z.object({ runId: idSchema, name: modelName, description: z.string().max(2000).default(''), bump: z.enum(['major', 'minor', 'patch']).optional() }).strict(),
  ),
  /** Before registering: whether the run scores worse than the model's production version (null: no warning). */
  'models.registerCheck': method<{ warning: string | null }>()(z.object({ runId: idSchema, name: z.string().trim().max(100) }).strict()),
  'models.get': method<ModelDetailDto>()(z.object({ name: refSchema }).strict()),
  /** Points an alias (production, staging, …) at a version; the move is recorded. */
  'models.promote': method<ModelDetailDto>()(
    z.object({ name: refSchema, version: refSchema, alias, note: z.string().max(2000).default('') }).strict(),
  ),
  /** Moves an alias back to the version it pointed at before its last move. */
  'models.rollback': method<ModelDetailDto>()(z.object({ name: refSchema, alias, note: z.string().max(2000).default('') }).strict()),
};
