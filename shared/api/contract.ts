import type { z } from 'zod';
import { ApiError } from './errors';
import { systemMethods } from './methods/system';
import { jobMethods } from './methods/jobs';
import { catalogMethods } from './methods/catalog';
import { datasetMethods } from './methods/datasets';
import { compareMethods, runMethods } from './methods/runs';
import { sweepMethods } from './methods/sweeps';
import { registryMethods } from './methods/registry';
import { exportMethods, predictMethods } from './methods/export';
import { explorerMethods } from './methods/explorer';
import { forecastMethods } from './methods/forecast';
import { textMethods } from './methods/text';
import { recommendMethods } from './methods/recommend';
import { monitorMethods } from './methods/monitor';
import { ensembleMethods } from './methods/ensemble';
import { automationMethods } from './methods/automation';
import { deploymentMethods } from './methods/deployments';
import type { MethodDef } from './define';

/** The whole request surface of the host: method name → args schema and result type. */
export const methods = {
  ...systemMethods,
  ...jobMethods,
  ...catalogMethods,
  ...datasetMethods,
  ...runMethods,
  ...compareMethods,
  ...sweepMethods,
  ...registryMethods,
  ...exportMethods,
  ...predictMethods,
  ...explorerMethods,
  ...forecastMethods,
  ...textMethods,
  ...recommendMethods,
  ...monitorMethods,
  ...ensembleMethods,
  ...deploymentMethods,
  ...automationMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
type DefOf<M extends MethodName> = Methods[M];
/** What a caller passes (defaults may be omitted). */
export type ArgsOf<M extends MethodName> = DefOf<M> extends MethodDef<infer A, unknown> ? z.input<A> : never;
/** What a handler receives (defaults filled in). */
export type ParsedArgsOf<M extends MethodName> = DefOf<M> extends MethodDef<infer A, unknown> ? z.output<A> : never;
export type ResultOf<M extends MethodName> = DefOf<M> extends MethodDef<z.ZodType, infer R> ? R : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Validates raw args for a method; throws a `bad_request` ApiError that names the first bad field. */
export function parseArgs<M extends MethodName>(name: M, raw: unknown): ParsedArgsOf<M> {
  const schema = methods[name].args as z.ZodType;
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as ParsedArgsOf<M>;
  const issues = parsed.error.issues.map((i) => ({
    field: fieldName(i.path, (i as { keys?: string[] }).keys),
    message: i.message,
  }));
  const first = issues[0];
  throw new ApiError('bad_request', `Invalid argument '${first.field}' for ${name}: ${first.message}`, {
    field: first.field,
    issues,
  });
}

function fieldName(path: readonly PropertyKey[], keys?: string[]): string {
  const base = path.map(String).join('.');
  // Unknown keys are reported on the parent object; name the offending key instead.
  if (keys && keys.length > 0) return base ? `${base}.${keys[0]}` : keys[0];
  return base || '(args)';
}
