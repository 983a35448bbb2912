/**
 * How a model family states its parameters, once: kind, default, range, a one-line description,
 * whether the app's short form shows it, and a first search range for sweeps. The engine's
 * defaults, the app's form, the CLI's `--param` coercion, sweep spaces and the progress total
 * all read these specs; nothing else writes a default down.
 */
import { z } from 'zod';
import type { Task } from './task';

interface SpecBase {
  label: string;
  /** One line, shown as help in the form and in `lathe train --help-params`. */
  help: string;
  /** Shown in the app's short form (the rest stay at their defaults unless set by CLI or sweep). */
  form?: boolean;
}

export interface NumberSpec extends SpecBase {
  kind: 'int' | 'float';
  default: number;
  min: number;
  max: number;
  /** The minimum itself is not allowed (e.g. a learning rate > 0). */
  minOpen?: boolean;
  /** Form step for floats. */
  step?: number;
  /** A first search range for sweeps. */
  sweep?: { lo: number; hi: number; log?: boolean };
}

export interface EnumSpec<C extends string = string> extends SpecBase {
  kind: 'enum';
  default: C;
  choices: readonly C[];
  sweep?: { choices: readonly C[] };
}

export interface BoolSpec extends SpecBase {
  kind: 'bool';
  default: boolean;
}

/** A list of positive whole numbers, written "64,32" in forms and on the command line. */
export interface IntListSpec extends SpecBase {
  kind: 'intList';
  default: readonly number[];
  min: number;
  max: number;
  maxLength: number;
  sweep?: { choices: readonly string[] };
}

/** Free text of a bounded length, e.g. a network's architecture as JSON ('' when not set). */
export interface TextSpec extends SpecBase {
  kind: 'text';
  default: string;
  maxLength: number;
}

export type ParamSpec = NumberSpec | EnumSpec | BoolSpec | IntListSpec | TextSpec;

export type ValueOf<S> = S extends { kind: 'int' | 'float' }
  ? number
  : S extends { kind: 'enum'; choices: readonly (infer C)[] }
    ? C
    : S extends { kind: 'bool' }
      ? boolean
      : S extends { kind: 'intList' }
        ? number[]
        : S extends { kind: 'text' }
          ? string
          : never;

export interface FamilySpec<P extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  id: string;
  label: string;
  /** One line: what the family is and when to use it. */
  description: string;
  tasks: readonly Task[];
  /** 'text': trains on exactly one text column of the features (models/text); other columns are ignored. */
  input?: 'text';
  params: P;
  /** Parameters a first sweep searches, in order (each needs a `sweep` range). */
  searchFirst: readonly (keyof P & string)[];
  /**
   * Parameters a run stored before a default changed, as that run trained them (re-runs stay
   * identical). Runs made since the schema store every parameter, so this only fills gaps.
   */
  fromStored?(stored: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** Iterations the progress bar counts for these parameters. */
  progressTotal(params: ValuesOf<P>): number;
}

/** The typed, complete parameters of a family's spec. */
export type ValuesOf<P extends Record<string, ParamSpec>> = { [K in keyof P]: ValueOf<P[K]> };

/** Keeps literal types of a family's spec while checking its shape. */
export function defineFamily<P extends Record<string, ParamSpec>>(spec: FamilySpec<P>): FamilySpec<P> {
  return spec;
}

/** A raw parameter as forms, the CLI and stored runs carry it. */
export type RawParam = number | string | boolean | readonly number[];

/** Every parameter of a family at its default. */
export function defaultsOf<P extends Record<string, ParamSpec>>(family: { params: P }): ValuesOf<P> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(family.params)) out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  return out as ValuesOf<P>;
}

/** The zod schema of one parameter: accepts the typed value or its text form, checks the range. */
export function paramSchema(spec: ParamSpec): z.ZodType {
  switch (spec.kind) {
    case 'int':
    case 'float': {
      let n = z.coerce.number({ error: 'must be a number' });
      if (spec.kind === 'int') n = n.int({ error: 'must be a whole number' });
      n = spec.minOpen ? n.gt(spec.min, { error: `must be above ${spec.min}` }) : n.min(spec.min, { error: `must be at least ${spec.min}` });
      n = n.max(spec.max, { error: `must be at most ${spec.max}` });
      return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), n);
    }
    case 'enum':
      return z.enum(spec.choices as [string, ...string[]], { error: `must be one of ${spec.choices.join(', ')}` });
    case 'bool':
      return z.preprocess(
        (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
        z.boolean({ error: 'must be true or false' }),
      );
    case 'intList':
      return z.preprocess(
        (v) => (typeof v === 'string' ? (v.trim() === '' ? [] : v.split(',').map((s) => Number(s.trim()))) : typeof v === 'number' ? [v] : v),
        z
          .array(z.number({ error: 'whole numbers separated by commas' }).int({ error: 'whole numbers separated by commas' }).min(spec.min).max(spec.max), { error: 'whole numbers separated by commas' })
          .min(1, { error: 'at least one number' })
          .max(spec.maxLength, { error: `at most ${spec.maxLength} numbers` }),
      );
    case 'text':
      return z.string({ error: 'must be text' }).max(spec.maxLength, { error: `at most ${spec.maxLength} characters` });
  }
}

/** A parameter's value in the text form the app's fields and the CLI show. */
export function paramText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
