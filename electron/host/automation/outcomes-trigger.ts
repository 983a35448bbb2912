/**
 * The metric trigger on live outcomes: the champion's latest window of joined outcomes (monitor.outcomes)
 * against the plan's floor — a value, or a fraction of the champion's recorded metric.
 */
import type { PlanDto } from '../../../shared/automation/dto';
import type { PlanOutcomes, PlanTriggers } from '../../../shared/automation/plan';
import type { HostContext } from '../handlers/types';
import { checkOutcomeFloor, resolveOutcomes } from '../monitor/outcomes-service';

/** The trigger's note when the latest outcomes window is past the floor, else null. */
export async function liveOutcomesBreach(ctx: HostContext, plan: PlanDto, outcomes: PlanOutcomes, t: Pick<PlanTriggers, 'metricFloor' | 'metricFraction'>): Promise<string | null> {
  const args = { model: `${plan.model}@${plan.alias}`, ...outcomes };
  const floor = t.metricFloor ?? fractionFloor(ctx, args, t.metricFraction!);
  if (floor === null) return null;
  const check = await checkOutcomeFloor(ctx, args, floor);
  if (!check.breached) return null;
  const of = t.metricFloor === null ? ` (${t.metricFraction} of the champion's recorded ${check.metric})` : '';
  return `Live outcomes: ${check.reason.replace(/\.$/, '')}${of}`;
}

/** The floor a fraction of the champion's recorded metric makes (its inverse for RMSE); null without a recorded value. */
function fractionFloor(ctx: HostContext, args: Parameters<typeof resolveOutcomes>[1], fraction: number): number | null {
  const { metric, baseline } = resolveOutcomes(ctx, args);
  if (baseline === null) return null;
  return metric === 'rmse' ? baseline / fraction : baseline * fraction;
}
