/**
 * One plan run, start to decision: the lease taken with the run's record (two processes never run a
 * plan at once), new data read, a challenger trained with the champion's recorded spec as an ordinary
 * run, both scored on the same held-out data, and the alias moved only when the challenger wins. The
 * promotion (new version, alias move, the run's decision) is one transaction: a process killed before
 * it leaves the alias as it was, and the next start marks the run interrupted.
 */
import { ApiError } from '../../../shared/api/errors';
import { PLAN_DEFAULTS, type PlanSpec, type PlanTrigger } from '../../../shared/automation/plan';
import type { PlanAbDto, PlanRunDto } from '../../../shared/automation/dto';
import type { PlanRunEnd } from '../../data/db/repos/automation-repo';
import type { HostContext } from '../handlers/types';
import type { HostJobContext } from '../jobs/job-manager';
import { registerRun } from '../registry/registry-service';
import { pidAlive } from './clock';
import { incrementalProblem } from './incremental';
import { championKind, startChallenger, type TrainJobKind } from './challenger';
import { PlanFailure, refreshSource } from './source';
import { decisionAlert } from './alerts';

/** Runs a plan by hand. Refused while another process (or this one) runs it. */
export async function runPlanNow(ctx: HostContext, ref: string, wait: boolean): Promise<PlanRunDto> {
  const id = ctx.repos.automation.resolve(ref);
  const claimed = ctx.repos.automation.claim(id, 'manual', 'run by hand', ctx.now(), PLAN_DEFAULTS.leaseMs, pidAlive);
  if ('holderPid' in claimed) throw busy(ctx, id, claimed.holderPid);
  if (!('runId' in claimed)) throw new Error('unreachable: a manual claim is always due');
  const done = executePlanRun(ctx, id, claimed.runId);
  return wait ? await done : ctx.repos.automation.run(claimed.runId);
}

export function busy(ctx: HostContext, planId: string, pid: number): ApiError {
  const name = ctx.repos.automation.get(planId).name;
  return new ApiError('conflict', `Plan '${name}' is already running in process ${pid}; a plan runs in one process at a time`, { field: 'plan', pid });
}

/**
 * Works a claimed plan run to its decision as one job of its own (the tray lists it from its start;
 * cancelling it cancels the job it waits on); never rejects (every outcome is recorded).
 */
export async function executePlanRun(ctx: HostContext, planId: string, runId: string): Promise<PlanRunDto> {
  const plan = ctx.repos.automation.get(planId);
  const trigger = ctx.repos.automation.run(runId).trigger;
  let job;
  try {
    const title = `Plan ${plan.name}: ${plan.model}@${plan.alias} (${trigger === 'manual' ? 'run by hand' : `${trigger} trigger`})`;
    job = ctx.jobs.startInHost('automation.plan', title, { planId, planRunId: runId, trigger }, (c) => workPlanRun(ctx, planId, runId, c));
  } catch (err) {
    // The job row could not be written (a busy database): the run still decides, only the tray misses it.
    ctx.log.warn('could not record a plan run as a job', { planId, err });
    const none = new AbortController();
    return workPlanRun(ctx, planId, runId, { args: { planId, planRunId: runId, trigger }, signal: none.signal, progress: () => {} });
  }
  await ctx.jobs.wait(job.id);
  return ctx.repos.automation.run(runId);
}

async function workPlanRun(ctx: HostContext, planId: string, runId: string, c: HostJobContext<'automation.plan'>): Promise<PlanRunDto> {
  ctx.events.emit('automation.changed', { planId });
  const renew = setInterval(() => {
    try {
      ctx.repos.automation.renew(planId, runId, ctx.now(), PLAN_DEFAULTS.leaseMs);
    } catch (err) {
      ctx.log.warn('could not renew a plan lease', { planId, err });
    }
  }, PLAN_DEFAULTS.leaseMs / 4);
  renew.unref();
  let end: PlanRunEnd;
  try {
    end = await decide(ctx, planId, runId, c);
  } catch (err) {
    const expected = err instanceof PlanFailure || err instanceof ApiError;
    if (ctx.jobs.closing) {
      // SIGTERM, Ctrl+C or the app closing stopped the jobs it waited on: nothing was decided.
      end = { decision: 'interrupted', reason: `Lathe was stopped before the plan run decided; the alias was not moved (${(err as Error).message})` };
    } else if (c.signal.aborted) {
      end = { decision: 'interrupted', reason: 'Cancelled before the plan run decided; the alias was not moved' };
    } else {
      if (!expected) ctx.log.error('plan run failed', { planId, runId, err });
      end = { decision: 'failed', reason: expected ? (err as Error).message : `${(err as Error).message} (details in lathe.log)` };
    }
    ctx.repos.automation.finish(planId, runId, end, ctx.now());
  } finally {
    clearInterval(renew);
  }
  const run = ctx.repos.automation.run(runId);
  const alert = decisionAlert(ctx, run);
  ctx.events.emit('automation.decision', { run, alert });
  ctx.events.emit('automation.changed', { planId });
  return run;
}

/** Everything before the decision is recorded; the decision itself is written by `settle`. */
async function decide(ctx: HostContext, planId: string, runId: string, c: HostJobContext<'automation.plan'>): Promise<PlanRunEnd> {
  const { automation, registry, runs } = ctx.repos;
  /** Waits for a job of the run; cancelling the plan run cancels it. */
  const waitFor = async <K extends TrainJobKind | 'automation.evaluate'>(kind: K, jobId: string) => {
    const cancel = () => ctx.jobs.cancel(jobId);
    c.signal.addEventListener('abort', cancel);
    try {
      return await ctx.jobs.result(kind, jobId);
    } finally {
      c.signal.removeEventListener('abort', cancel);
    }
  };
  c.progress(0, 'reading the new data');
  const spec = automation.spec(planId);
  let champion;
  try {
    champion = registry.resolve(`${spec.model}@${spec.alias}`);
  } catch {
    throw new PlanFailure(`${spec.model}@${spec.alias} does not exist any more; point the alias at a version`);
  }
  automation.setRunFacts(runId, { championRunId: champion.run_id, championVersion: champion.version });
  const championRun = runs.get(champion.run_id, 0);
  if (spec.incremental) {
    const why = incrementalProblem(ctx, champion.run_id);
    if (why) throw new PlanFailure(`Incremental: ${why}`);
  }
  const kind = championKind(ctx, champion.run_id, `${spec.model}@${champion.version}`);
  if (!championRun.datasetId) throw new PlanFailure(`The dataset ${spec.model}@${champion.version} trained on was deleted`);
  const data = await refreshSource(ctx, spec.source, championRun.datasetId);
  automation.setRunFacts(runId, { datasetId: data.datasetId, dataVersion: data.version });
  if (data.datasetId === championRun.datasetId && data.version === (championRun.datasetVersion ?? 1)) {
    return settle(ctx, planId, runId, spec, { decision: 'kept', reason: `No new data: ${data.note} is still version ${data.version}, which the champion ${spec.model}@${champion.version} trained on` });
  }
  // The champion's recorded spec, on the new data: an ordinary recorded run through the job manager,
  // continuing from the champion's model when the plan is incremental, else trained from scratch.
  if (c.signal.aborted) throw new PlanFailure('Cancelled');
  const challenger = startChallenger(ctx, kind, champion.run_id, data.datasetId, spec.incremental);
  automation.setRunFacts(runId, { challengerRunId: challenger.runId });
  c.progress(0.1, `training the challenger (run ${challenger.runId.slice(0, 8)}) on version ${data.version}`);
  try {
    await waitFor(challenger.job, challenger.jobId);
  } catch (err) {
    throw new PlanFailure(`Training the challenger (run ${challenger.runId.slice(0, 8)}) failed: ${(err as Error).message}`);
  }
  let ab: PlanAbDto;
  c.progress(0.8, 'scoring champion and challenger on the same held-out data');
  try {
    if (c.signal.aborted) throw new PlanFailure('Cancelled');
    const job = ctx.jobs.start('automation.evaluate', `Plan ${spec.name}: ${spec.model}@${champion.version} against run ${challenger.runId.slice(0, 8)}`, {
      championRunId: champion.run_id, challengerRunId: challenger.runId, margin: spec.margin, mode: spec.mode,
    });
    ab = await waitFor('automation.evaluate', job.id);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'conflict') return settle(ctx, planId, runId, spec, { decision: 'kept', reason: `Kept ${spec.model}@${champion.version}: ${err.message}` });
    throw err;
  }
  const verdict = judge(ab, spec);
  if (!verdict.promote) return settle(ctx, planId, runId, spec, { decision: 'kept', reason: `Kept ${spec.model}@${champion.version}: ${verdict.why}`, ab });
  return settle(ctx, planId, runId, spec, { decision: 'promoted', reason: verdict.why, ab }, { runId: challenger.runId, fromVersion: champion.version });
}

/**
 * The plan's rule on the comparison. Improvement is oriented so that positive means the challenger
 * is better: 'better' needs its whole interval above the margin, 'notWorse' needs it above −margin.
 */
export function judge(ab: PlanAbDto, spec: Pick<PlanSpec, 'margin' | 'mode'>): { promote: boolean; why: string } {
  const lo = ab.lowerIsBetter ? -ab.difference.hi : ab.difference.lo;
  const name = ab.metric.toUpperCase();
  const unit = ab.unit ?? 'rows';
  const values = `${name} ${fmt(ab.valueA)} (champion) vs ${fmt(ab.valueB)} (challenger) on ${ab.rows.toLocaleString('en-US')} held-out ${unit}; ${ab.text}`;
  if (ab.rows < PLAN_DEFAULTS.minEvalRows) return { promote: false, why: `only ${ab.rows} held-out ${unit} unseen by both models (at least ${PLAN_DEFAULTS.minEvalRows} are needed to judge); ${values}` };
  if (spec.mode === 'better') {
    return lo > spec.margin
      ? { promote: true, why: `The challenger is better beyond the margin ${fmt(spec.margin)}: ${values}` }
      : { promote: false, why: `the challenger is not better beyond the margin ${fmt(spec.margin)}: ${values}` };
  }
  return lo >= -spec.margin
    ? { promote: true, why: `The challenger is not worse than the champion by more than ${fmt(spec.margin)}: ${values}` }
    : { promote: false, why: `the challenger may be worse by more than the margin ${fmt(spec.margin)}: ${values}` };
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(4)).toString();
}

/** Records the decision; a promotion registers the challenger and moves the alias in the same transaction. */
function settle(ctx: HostContext, planId: string, runId: string, spec: PlanSpec, end: PlanRunEnd, promote?: { runId: string; fromVersion: string }): PlanRunEnd {
  if (!promote) {
    ctx.repos.automation.finish(planId, runId, end, ctx.now());
    return end;
  }
  ctx.db.transaction(() => {
    const version = registerRun(ctx, promote.runId, spec.model, `Trained by plan ${spec.name}`).version;
    const versionId = ctx.repos.registry.versionId(spec.model, version);
    ctx.repos.registry.moveAlias(spec.model, spec.alias, versionId, 'set', `Plan ${spec.name}: ${end.reason}`.slice(0, 2000));
    ctx.repos.automation.finish(planId, runId, { ...end, challengerVersion: version, aliasMove: { alias: spec.alias, fromVersion: promote.fromVersion, toVersion: version } }, ctx.now());
  }).immediate();
  ctx.events.emit('models.changed', { name: spec.model });
  return end;
}

/** What fired, for `runDue`: a claimed run to work, or nothing. */
export interface Fired {
  trigger: PlanTrigger;
  note: string;
}
