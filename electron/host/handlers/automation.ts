import type { HandlerGroup } from './types';
import { createPlan, deletePlan, planDetail, setPaused, updatePlan } from '../automation/plan-service';
import { runPlanNow } from '../automation/plan-runner';
import { runDuePlans } from '../automation/triggers';
import { schedulerState } from '../automation/scheduler';
import { PLAN_DEFAULTS } from '../../../shared/automation/plan';

type AutomationMethods =
  | 'automation.list' | 'automation.get' | 'automation.create' | 'automation.update' | 'automation.pause' | 'automation.resume'
  | 'automation.runNow' | 'automation.runDue' | 'automation.delete' | 'automation.runs' | 'automation.runGet' | 'automation.alerts' | 'automation.alertsRead'
  | 'automation.scheduler';

export const automationHandlers: HandlerGroup<AutomationMethods> = {
  'automation.list': (_args, ctx) => ctx.repos.automation.list(),
  'automation.get': (args, ctx) => planDetail(ctx, args.plan, args.runs),
  'automation.create': (args, ctx) => createPlan(ctx, args),
  'automation.update': (args, ctx) => updatePlan(ctx, args.plan, args.patch),
  'automation.pause': (args, ctx) => setPaused(ctx, args.plan, true),
  'automation.resume': (args, ctx) => setPaused(ctx, args.plan, false),
  'automation.runNow': (args, ctx) => runPlanNow(ctx, args.plan, args.wait),
  'automation.runDue': (_args, ctx) => runDuePlans(ctx),
  'automation.delete': (args, ctx) => deletePlan(ctx, args.plan),
  'automation.runs': (args, ctx) => ctx.repos.automation.runs(args.plan === undefined ? null : ctx.repos.automation.resolve(args.plan), args.limit),
  'automation.runGet': (args, ctx) => ctx.repos.automation.run(ctx.repos.automation.resolveRun(args.id)),
  'automation.alerts': (args, ctx) => ctx.repos.automation.alerts(args.unreadOnly, args.limit),
  'automation.scheduler': (_args, ctx) => ctx.scheduler?.state() ?? schedulerState(ctx, false, PLAN_DEFAULTS.tickMs),
  'automation.alertsRead': (args, ctx) => {
    const marked = ctx.repos.automation.markRead(args.ids, ctx.now());
    if (marked > 0) ctx.events.emit('automation.changed', { planId: null });
    return { marked };
  },
};
