/**
 * The model families, as data. Every door (app form, CLI, sweeps, the engine, progress) reads
 * what a family accepts and defaults to from here. Adding a family = one spec file + one entry.
 */
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { defaultsOf, paramSchema, type FamilySpec, type ParamSpec, type ValuesOf, type RawParam } from './define';
import { gbdt } from './gbdt';
import { forest } from './forest';
import { linear } from './linear';
import { mlp } from './mlp';
import { nbsvm } from './nbsvm';
import { textnet } from './textnet';
import { lexicon } from './lexicon';

export * from './define';
export * from './task';
export * from './text';
export { GBDT_AUTO_EARLY_STOPPING_ROWS } from './gbdt';

export const FAMILIES = { gbdt, linear, forest, mlp, nbsvm, textnet, lexicon } as const;
export type Family = keyof typeof FAMILIES;
export const FAMILY_IDS = Object.keys(FAMILIES) as Family[];
export const familySchema = z.enum(FAMILY_IDS as [Family, ...Family[]]);
export const isFamily = (v: unknown): v is Family => typeof v === 'string' && (FAMILY_IDS as string[]).includes(v);

export type FamilyParams<F extends Family> = ValuesOf<(typeof FAMILIES)[F]['params']>;
/** Any family's complete parameters, as stored on a run. */
export type ResolvedParams = Record<string, number | string | boolean | number[]>;

export const GBDT_DEFAULTS: FamilyParams<'gbdt'> = defaultsOf(gbdt);
export const FOREST_DEFAULTS: FamilyParams<'forest'> = defaultsOf(forest);
export const LINEAR_DEFAULTS: FamilyParams<'linear'> = defaultsOf(linear);
export const MLP_DEFAULTS: FamilyParams<'mlp'> = defaultsOf(mlp);
export const NBSVM_DEFAULTS: FamilyParams<'nbsvm'> = defaultsOf(nbsvm);
export const TEXTNET_DEFAULTS: FamilyParams<'textnet'> = defaultsOf(textnet);
export const LEXICON_DEFAULTS: FamilyParams<'lexicon'> = defaultsOf(lexicon);

/** Families that train on one text column (models/text). */
export type TextOnlyFamily = 'nbsvm' | 'textnet' | 'lexicon';
export const isTextOnlyFamily = (f: Family): f is TextOnlyFamily => familySpec(f).input === 'text';

export function familySpec(family: Family): FamilySpec {
  return FAMILIES[family] as unknown as FamilySpec;
}

function specOf(family: Family, key: string): ParamSpec | undefined {
  const params = familySpec(family).params;
  return Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
}

function unknownParam(family: Family, key: string, field: string): ApiError {
  const known = Object.keys(familySpec(family).params).join(', ');
  return new ApiError('bad_request', `${family} has no parameter '${key}' (it has: ${known})`, { field });
}

/** One parameter from its typed or text form; a `bad_request` names `params.KEY` and the rule. */
export function coerceParam(family: Family, key: string, raw: unknown, field = `params.${key}`): number | string | boolean | number[] {
  const spec = specOf(family, key);
  if (!spec) throw unknownParam(family, key, field);
  const parsed = paramSchema(spec).safeParse(raw);
  if (!parsed.success) {
    throw new ApiError('bad_request', `Invalid ${family} parameter '${key}' = '${String(raw)}': ${parsed.error.issues[0].message}`, { field });
  }
  return parsed.data as number | string | boolean | number[];
}

/** The complete parameters of a run: every key of the family, the given ones checked, the rest at their defaults. */
export function resolveParams(family: Family, raw: Readonly<Record<string, unknown>> = {}): ResolvedParams {
  const out: ResolvedParams = defaultsOf(familySpec(family));
  for (const [key, value] of Object.entries(raw)) out[key] = coerceParam(family, key, value);
  return out;
}

/** The complete parameters of one family, typed by its schema (the engine's view). */
export function familyParams<F extends Family>(family: F, raw: Readonly<Record<string, unknown>> = {}): FamilyParams<F> {
  // resolveParams fills every key of this family's schema with a checked value of its kind.
  return resolveParams(family, raw) as FamilyParams<F>;
}

/** A stored run's parameters as it trained them (see FamilySpec.fromStored). */
export function storedParams(family: Family, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const spec = familySpec(family);
  return spec.fromStored ? spec.fromStored(stored) : { ...stored };
}

/** Iterations the progress bar counts (trees, epochs, …). */
export function progressTotal(family: Family, params: ResolvedParams): number {
  return familySpec(family).progressTotal(params as never);
}

/** A sweep dimension: a parameter name with a numeric range or a list of choices. */
export interface SweepDim {
  name: string;
  kind: 'int' | 'float' | 'choice';
  lo?: number;
  hi?: number;
  choices?: (string | number)[];
}

/**
 * Checks a sweep dimension against a parameter table: a known parameter, choices it accepts, a
 * range inside its limits. `owner` names the family or model in messages. Returns a reason, or null.
 */
export function dimProblem(owner: string, params: Readonly<Record<string, ParamSpec>>, dim: SweepDim): string | null {
  const spec = Object.prototype.hasOwnProperty.call(params, dim.name) ? params[dim.name] : undefined;
  if (!spec) return `${owner} has no parameter '${dim.name}' (it has: ${Object.keys(params).join(', ') || 'none'})`;
  if (dim.kind === 'choice') {
    for (const c of dim.choices ?? []) {
      if (!paramSchema(spec).safeParse(c).success) return `'${c}' is not a valid ${dim.name}`;
    }
    return null;
  }
  if (spec.kind !== 'int' && spec.kind !== 'float') return `${dim.name} is not numeric: list its values as ${dim.name}=a|b`;
  if (spec.kind === 'int' && dim.kind === 'float') return `${dim.name} takes whole numbers`;
  for (const v of [dim.lo, dim.hi]) {
    if (v === undefined) continue;
    if (!paramSchema(spec).safeParse(v).success) {
      return `${dim.name} must be in ${spec.minOpen ? '(' : '['}${spec.min}, ${spec.max}]; the range reaches ${v}`;
    }
  }
  return null;
}

/** A sweep dimension checked against a tabular family (see dimProblem). */
export function sweepDimProblem(family: Family, dim: SweepDim): string | null {
  return dimProblem(family, familySpec(family).params, dim);
}

/** A family's suggested first search space, as `key=lo..hi[:log]` / `key=a|b` specs. */
export function suggestedSpace(family: Family): string[] {
  const spec = familySpec(family);
  return spec.searchFirst.map((key) => {
    const s = spec.params[key];
    if (!('sweep' in s) || !s.sweep) throw new Error(`${family}.${key} is searched first but has no sweep range`);
    return 'choices' in s.sweep ? `${key}=${s.sweep.choices.join('|')}` : `${key}=${s.sweep.lo}..${s.sweep.hi}${s.sweep.log ? ':log' : ''}`;
  });
}
