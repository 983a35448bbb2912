import { ApiError } from '../../../shared/api/errors';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import type { RegisteredVersionDto } from '../../../shared/api/methods/registry';
import { productionWarning } from './production-warning';
import type { HostContext } from '../handlers/types';
import { bumpSemver } from '../../data/db/repos/registry-repo';

/** What the registry reads of a stored model: a tabular run's inputs, or a forecast's column roles and frequency. */
type ArtifactHead =
  | { kind?: undefined; features: string[]; target: string; task: string }
  | { kind: 'forecast'; frequency: string; columns: { time: string; target: string; series: string | null; covariates: string[]; futureCovariates: string[]; events: string | null } };

/**
 * The model's input schema as one comparable value: a change of it is a breaking change. A recommender's
 * is its column roles and feedback (its artifact holds ids and state, not inputs).
 */
function inputSchema(a: ArtifactHead, spec: RecommendArgs | null): string {
  if (spec) return JSON.stringify(['recommend', spec.user, spec.item, spec.rating ?? null, spec.event ?? null, spec.weights ?? null, spec.count ?? null, spec.itemKey ?? null, spec.userKey ?? null]);
  if (a.kind === 'forecast') return JSON.stringify(['forecast', a.frequency, a.columns]);
  return JSON.stringify([a.task, a.target, a.features]);
}

/**
 * Registers a run as the next version: a changed input schema (features, target or task) is a
 * breaking change and bumps the major version; otherwise the minor one, unless told.
 */
export function registerRun(ctx: HostContext, runId: string, name: string, description: string, bump?: 'major' | 'minor' | 'patch'): RegisteredVersionDto {
  const id = ctx.repos.runs.resolve(runId);
  const run = ctx.repos.runs.get(id);
  if (run.status !== 'succeeded') throw new ApiError('bad_request', `Run ${id.slice(0, 8)} has not succeeded (${run.status}); only finished runs can be registered`, { field: 'runId' });
  const artifact = ctx.repos.runs.artifact<ArtifactHead>(id, 'model');
  if (!artifact) throw new ApiError('bad_request', `Run ${id.slice(0, 8)} has no model artifact`, { field: 'runId' });
  const existing = ctx.repos.registry.versions(name);
  if (existing.some((v) => v.run_id === id)) {
    const v = existing.find((x) => x.run_id === id)!;
    throw new ApiError('conflict', `Run ${id.slice(0, 8)} is already ${name}@${v.version}`, { field: 'runId' });
  }
  // Read before the insert: a warning, not a refusal (the dialog and the CLI ask or say so).
  const warning = productionWarning(ctx, id, name);
  let version = '1.0.0';
  if (existing.length) {
    const latest = existing[0];
    const prev = ctx.repos.runs.artifact<ArtifactHead>(latest.run_id, 'model');
    const breaking = !prev || inputSchema(prev, ctx.repos.runs.recommendArgs(latest.run_id)) !== inputSchema(artifact, run.recommendSpec);
    version = bumpSemver(latest.version, bump ?? (breaking ? 'major' : 'minor'));
  }
  ctx.repos.registry.insert(name, version, id, description);
  ctx.events.emit('models.changed', { name });
  return { ...ctx.repos.registry.detail(name).versions.find((v) => v.version === version)!, warning };
}

export function promote(ctx: HostContext, name: string, version: string, alias: string, note: string) {
  const versionId = ctx.repos.registry.versionId(name, version);
  if (ctx.repos.registry.alias(name, alias) === versionId) {
    throw new ApiError('conflict', `${name}@${alias} already points at ${version}`, { field: 'version' });
  }
  ctx.repos.registry.moveAlias(name, alias, versionId, 'set', note);
  ctx.events.emit('models.changed', { name });
  return ctx.repos.registry.detail(name);
}

export function rollback(ctx: HostContext, name: string, alias: string, note: string) {
  ctx.repos.registry.detail(name); // the model exists
  if (!ctx.repos.registry.alias(name, alias)) throw new ApiError('not_found', `Model '${name}' has no alias '${alias}'`, { field: 'alias' });
  const previous = ctx.repos.registry.previousOf(name, alias);
  if (!previous) throw new ApiError('conflict', `${name}@${alias} has no earlier version to roll back to`, { field: 'alias' });
  ctx.repos.registry.moveAlias(name, alias, previous, 'rollback', note);
  ctx.events.emit('models.changed', { name });
  return ctx.repos.registry.detail(name);
}
