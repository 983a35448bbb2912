import { z } from 'zod';
import { method } from '../define';
import { idSchema, refSchema } from '../ids';
import { planPatch, planSpec } from '../../automation/plan';
import type { AlertDto, PlanDetailDto, PlanDto, PlanRunDto, SchedulerStateDto } from '../../automation/dto';

/** A plan by id (or its prefix) or name. */
const planRef = z.object({ plan: refSchema }).strict();

export const automationMethods = {
  'automation.list': method<PlanDto[]>()(z.object({}).strict()),
  /** A plan with its runs, newest first. */
  'automation.get': method<PlanDetailDto>()(z.object({ plan: refSchema, runs: z.number().int().min(0).max(1000).default(50) }).strict()),
  /** Checks the model, alias, source and cron text (a bad part is named) before anything is written. */
  'automation.create': method<PlanDto>()(planSpec),
  'automation.update': method<PlanDto>()(z.object({ plan: refSchema, patch: planPatch }).strict()),
  'automation.pause': method<PlanDto>()(planRef),
  /** Resumes a plan; its schedule starts from now (firings missed while paused are not caught up). */
  'automation.resume': method<PlanDto>()(planRef),
  /**
   * Runs a plan now (trigger 'manual'). `wait: false` answers once the run is recorded; `wait: true`
   * once it has decided. Refused with `conflict` while another process runs the plan.
   */
  'automation.runNow': method<PlanRunDto>()(z.object({ plan: refSchema, wait: z.boolean().default(false) }).strict()),
  /** Runs every plan that is due (schedule, rows, drift, metric) once and answers with the runs it made. */
  'automation.runDue': method<PlanRunDto[]>()(z.object({}).strict()),
  'automation.delete': method<{ deleted: string }>()(planRef),
  /** Plan runs newest first: of one plan, or of all. */
  'automation.runs': method<PlanRunDto[]>()(z.object({ plan: refSchema.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict()),
  'automation.runGet': method<PlanRunDto>()(z.object({ id: idSchema }).strict()),
  /** The inbox, newest first. */
  'automation.alerts': method<AlertDto[]>()(z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(100) }).strict()),
  /** Marks alerts read: the ids given, or all when none are. */
  /** This process's scheduler: on or off, and the next scheduled plan. */
  'automation.scheduler': method<SchedulerStateDto>()(z.object({}).strict()),
  'automation.alertsRead': method<{ marked: number }>()(z.object({ ids: z.array(idSchema).max(1000).optional() }).strict()),
};
