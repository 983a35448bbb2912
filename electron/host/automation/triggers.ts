/**
 * What is due: a schedule whose next firing has passed (however many firings were missed while the
 * app was closed or asleep, it runs once and the schedule moves on from now), or a condition on the
 * newest data — new rows, drift, a falling metric — checked at most once per data version.
 */
import { randomUUID } from 'node:crypto';
import { PLAN_DEFAULTS, type PlanSpec, type PlanTrigger } from '../../../shared/automation/plan';
import type { PlanDto, PlanRunDto } from '../../../shared/automation/dto';
import type { HostContext } from '../handlers/types';
import { drift } from '../monitor/drift-service';
import { liveOutcomesBreach } from './outcomes-trigger';
import { pidAlive } from './clock';
import { executePlanRun } from './plan-runner';
import { nextFiring } from './schedule';
import { PlanFailure, refreshSource, type PlanData } from './source';

/** Runs every due plan once, one after another; answers with the runs made. */
export async function runDuePlans(ctx: HostContext): Promise<PlanRunDto[]> {
  const made: PlanRunDto[] = [];
  for (const plan of ctx.repos.automation.list()) {
    if (plan.paused) continue;
    const runId = (await claimScheduled(ctx, plan)) ?? (await claimCondition(ctx, plan));
    if (runId) made.push(await executePlanRun(ctx, plan.id, runId));
  }
  return made;
}

async function claimScheduled(ctx: HostContext, plan: PlanDto): Promise<string | null> {
  const schedule = plan.triggers.schedule;
  const now = ctx.now();
  if (!schedule || !plan.nextDueAt || plan.nextDueAt > now.toISOString()) return null;
  const next = nextFiring(schedule, now)?.toISOString() ?? null;
  const note = `schedule '${schedule}' was due at ${plan.nextDueAt}`;
  const claimed = ctx.repos.automation.claim(plan.id, 'schedule', note, now, PLAN_DEFAULTS.leaseMs, pidAlive, { advanceSchedule: { nextDueAt: next, firedAt: now.toISOString(), onlyIfDueBy: now.toISOString() } });
  return 'runId' in claimed ? claimed.runId : null;
}

function conditionTriggers(t: PlanSpec['triggers']): PlanTrigger[] {
  const out: PlanTrigger[] = [];
  if (t.minNewRows !== null) out.push('rows');
  if (t.driftThreshold !== null) out.push('drift');
  if (t.metricFloor !== null || t.metricFraction !== null) out.push('metric');
  return out;
}

async function claimCondition(ctx: HostContext, plan: PlanDto): Promise<string | null> {
  const kinds = conditionTriggers(plan.triggers);
  if (kinds.length === 0) return null;
  // The check reads the source into a version: it holds the plan's lease, which the run it fires takes over.
  const token = randomUUID();
  if (!ctx.repos.automation.hold(plan.id, token, ctx.now(), PLAN_DEFAULTS.leaseMs, pidAlive)) return null;
  try {
    return await checkConditions(ctx, plan, kinds, token);
  } finally {
    ctx.repos.automation.release(plan.id, token);
  }
}

async function checkConditions(ctx: HostContext, plan: PlanDto, kinds: PlanTrigger[], token: string): Promise<string | null> {
  const { registry, runs, automation } = ctx.repos;
  let championRunId: string;
  let championDataset: string | null;
  try {
    championRunId = registry.resolve(`${plan.model}@${plan.alias}`).run_id;
    championDataset = runs.get(championRunId, 0).datasetId;
  } catch {
    return null; // the alias is gone: a run by hand or a schedule says so in its record
  }
  if (!championDataset) return null;
  let data: PlanData;
  try {
    data = await refreshSource(ctx, plan.source, championDataset);
  } catch (err) {
    if (!(err instanceof PlanFailure)) throw err;
    // A vanished source is recorded once, then retried quietly at each check until it is back.
    const last = automation.lastDecision(plan.id);
    if (last?.decision === 'failed' && last.reason === err.message) return null;
    return claim(ctx, plan, kinds[0], `checking ${kinds.join(', ')} triggers`, token);
  }
  // Once a plan run has used this data version, conditions on it do not fire again.
  const last = plan.lastRun;
  if (last && last.datasetId === data.datasetId && last.dataVersion === data.version && last.decision !== 'failed' && last.decision !== 'interrupted') return null;
  const champion = runs.get(championRunId, 0);
  if (champion.datasetId === data.datasetId && (champion.datasetVersion ?? 1) === data.version) return null;
  const fired = await whichFired(ctx, plan, data, champion);
  return fired ? claim(ctx, plan, fired.trigger, fired.note, token) : null;
}

function claim(ctx: HostContext, plan: PlanDto, trigger: PlanTrigger, note: string, heldAs: string): string | null {
  const claimed = ctx.repos.automation.claim(plan.id, trigger, note, ctx.now(), PLAN_DEFAULTS.leaseMs, pidAlive, { heldAs });
  return 'runId' in claimed ? claimed.runId : null;
}

async function whichFired(ctx: HostContext, plan: PlanDto, data: PlanData, champion: ReturnType<HostContext['repos']['runs']['get']>): Promise<{ trigger: PlanTrigger; note: string } | null> {
  const t = plan.triggers;
  if (t.minNewRows !== null && champion.datasetId === data.datasetId) {
    const trained = ctx.repos.datasets.get(data.datasetId).versions.find((v) => v.version === (champion.datasetVersion ?? 1))?.rows ?? 0;
    const added = data.rows - trained;
    if (added >= t.minNewRows) return { trigger: 'rows', note: `${added.toLocaleString('en-US')} new rows since the champion's version (at least ${t.minNewRows.toLocaleString('en-US')})` };
  }
  if (t.driftThreshold !== null) {
    const report = await drift(ctx, { reference: `${plan.model}@${plan.alias}`, current: data.datasetId });
    if (report.driftedShare > t.driftThreshold) {
      return { trigger: 'drift', note: `${Math.round(report.driftedShare * 100)}% of the input columns drifted (threshold ${Math.round(t.driftThreshold * 100)}%)` };
    }
  }
  if (t.outcomes && (t.metricFloor !== null || t.metricFraction !== null)) {
    const breach = await liveOutcomesBreach(ctx, plan, t.outcomes, t);
    if (breach) return { trigger: 'metric', note: breach };
  } else if (t.metricFloor !== null || t.metricFraction !== null) {
    const job = ctx.jobs.start('automation.liveMetric', `Plan ${plan.name}: champion on the newest rows`, { championRunId: champion.id, datasetId: data.datasetId });
    const live = await ctx.jobs.result('automation.liveMetric', job.id);
    if (live.value !== null) {
      const worse = (a: number, b: number) => (live.lowerIsBetter ? a > b : a < b);
      const name = live.metric.toUpperCase();
      if (t.metricFloor !== null && worse(live.value, t.metricFloor)) {
        return { trigger: 'metric', note: `${name} ${live.value.toPrecision(4)} on ${live.rows} newest ${live.unit ?? 'rows'} is worse than the floor ${t.metricFloor}` };
      }
      if (t.metricFraction !== null && live.baseline !== null) {
        const bound = live.lowerIsBetter ? live.baseline / t.metricFraction : live.baseline * t.metricFraction;
        if (worse(live.value, bound)) {
          return { trigger: 'metric', note: `${name} ${live.value.toPrecision(4)} on ${live.rows} newest ${live.unit ?? 'rows'} is worse than ${t.metricFraction} of the champion's ${live.baseline.toPrecision(4)}` };
        }
      }
    }
  }
  return null;
}
