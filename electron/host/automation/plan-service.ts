/**
 * Plans as the host keeps them: every part checked (model and alias registered, source there, cron
 * text valid, incremental training available) before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { planSpec, type PlanPatch, type PlanSpec, type PlanSpecInput } from '../../../shared/automation/plan';
import type { PlanDetailDto, PlanDto } from '../../../shared/automation/dto';
import type { HostContext } from '../handlers/types';
import { checkSchedule, nextFiring } from './schedule';
import { incrementalProblem } from './incremental';
import { resolveOutcomes } from '../monitor/outcomes-service';

function check(ctx: HostContext, spec: PlanSpec, exceptId: string | null): void {
  const { registry, automation, datasets } = ctx.repos;
  if (automation.nameTaken(spec.name, exceptId)) throw new ApiError('conflict', `A plan named '${spec.name}' exists already`, { field: 'name' });
  if (registry.versions(spec.model).length === 0) throw new ApiError('not_found', `No registered model named '${spec.model}'; register a run first (lathe register)`, { field: 'model' });
  if (!registry.alias(spec.model, spec.alias)) {
    throw new ApiError('bad_request', `Model '${spec.model}' has no alias '${spec.alias}'; point it at a version first (lathe promote ${spec.model} VERSION --alias ${spec.alias})`, { field: 'alias' });
  }
  if (spec.source.kind === 'file' && !fs.existsSync(path.resolve(spec.source.path))) {
    throw new ApiError('not_found', `No such file or folder: ${path.resolve(spec.source.path)}`, { field: 'source.path' });
  }
  if (spec.source.kind === 'dataset') datasets.resolve(spec.source.dataset, 'source.dataset');
  if (spec.triggers.schedule) checkSchedule(spec.triggers.schedule);
  if (spec.triggers.outcomes) checkOutcomes(ctx, spec);
  if (spec.incremental) {
    const champion = registry.resolve(`${spec.model}@${spec.alias}`);
    const why = incrementalProblem(ctx, champion.run_id);
    if (why) throw new ApiError('bad_request', `Invalid argument 'incremental': ${why}`, { field: 'incremental' });
  }
}

/** Live outcomes are read by the metric trigger: it needs a floor, and the datasets and columns must be there now. */
function checkOutcomes(ctx: HostContext, spec: PlanSpec): void {
  const t = spec.triggers;
  if (t.metricFloor === null && t.metricFraction === null) {
    throw new ApiError('bad_request', 'Live outcomes are read by the metric trigger: give a metric floor or a metric fraction too', { field: 'triggers.metricFloor' });
  }
  try {
    resolveOutcomes(ctx, { model: `${spec.model}@${spec.alias}`, ...t.outcomes! });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const details = (err.details ?? {}) as Record<string, unknown>;
    const field = typeof details.field === 'string' ? `triggers.outcomes.${details.field}` : 'triggers.outcomes';
    throw new ApiError(err.code, err.message, { ...details, field });
  }
}

/** The next scheduled firing after now, or null (no schedule, or paused). */
function nextDue(spec: PlanSpec, paused: boolean, now: Date): string | null {
  if (paused || !spec.triggers.schedule) return null;
  return nextFiring(spec.triggers.schedule, now)?.toISOString() ?? null;
}

function absoluteSource(spec: PlanSpec): PlanSpec {
  return spec.source.kind === 'file' ? { ...spec, source: { kind: 'file', path: path.resolve(spec.source.path) } } : spec;
}

export function createPlan(ctx: HostContext, input: PlanSpecInput | PlanSpec): PlanDto {
  const spec = absoluteSource(planSpec.parse(input));
  check(ctx, spec, null);
  const id = ctx.repos.automation.create(spec, nextDue(spec, false, ctx.now()), ctx.now());
  ctx.events.emit('automation.changed', { planId: id });
  return ctx.repos.automation.get(id);
}

export function updatePlan(ctx: HostContext, ref: string, patch: PlanPatch): PlanDto {
  const id = ctx.repos.automation.resolve(ref);
  const old = ctx.repos.automation.spec(id);
  const merged = absoluteSource(planSpec.parse({ ...old, ...patch, triggers: { ...old.triggers, ...(patch.triggers ?? {}) } }));
  check(ctx, merged, id);
  const paused = ctx.repos.automation.get(id).paused;
  const scheduleChanged = merged.triggers.schedule !== old.triggers.schedule;
  const due = scheduleChanged ? nextDue(merged, paused, ctx.now()) : ctx.repos.automation.get(id).nextDueAt;
  ctx.repos.automation.update(id, merged, due, ctx.now());
  ctx.events.emit('automation.changed', { planId: id });
  return ctx.repos.automation.get(id);
}

export function setPaused(ctx: HostContext, ref: string, paused: boolean): PlanDto {
  const id = ctx.repos.automation.resolve(ref);
  // Resuming starts the schedule from now: firings missed while paused are not run.
  ctx.repos.automation.setPaused(id, paused, nextDue(ctx.repos.automation.spec(id), paused, ctx.now()), ctx.now());
  ctx.events.emit('automation.changed', { planId: id });
  return ctx.repos.automation.get(id);
}

export function deletePlan(ctx: HostContext, ref: string): { deleted: string } {
  const id = ctx.repos.automation.resolve(ref);
  const plan = ctx.repos.automation.get(id);
  if (plan.runningPid !== null && plan.lastRun?.state === 'running') {
    throw new ApiError('conflict', `Plan '${plan.name}' is running (pid ${plan.runningPid}); delete it once the run has decided`, { field: 'plan' });
  }
  ctx.repos.automation.delete(id);
  ctx.events.emit('automation.changed', { planId: id });
  return { deleted: id };
}

export function planDetail(ctx: HostContext, ref: string, runs: number): PlanDetailDto {
  const id = ctx.repos.automation.resolve(ref);
  return { ...ctx.repos.automation.get(id), runs: ctx.repos.automation.runs(id, runs) };
}
