/** The inbox line of a plan run's decision: what happened, in a title and a sentence. */
import type { AlertDto, AlertSeverity, PlanRunDto } from '../../../shared/automation/dto';
import type { HostContext } from '../handlers/types';

export function decisionAlert(ctx: HostContext, run: PlanRunDto): AlertDto {
  const plan = ctx.repos.automation.get(run.planId);
  const [severity, title]: [AlertSeverity, string] =
    run.decision === 'promoted'
      ? ['info', `${plan.model}@${plan.alias} is now ${run.challengerVersion} (plan ${plan.name})`]
      : run.decision === 'kept'
        ? ['info', `${plan.model}@${plan.alias} kept ${run.championVersion ?? ''} (plan ${plan.name})`.replace('  ', ' ')]
        : ['error', `Plan ${plan.name} ${run.decision === 'interrupted' ? 'was interrupted' : 'failed'}`];
  return ctx.repos.automation.addAlert({ planId: plan.id, planName: plan.name, planRunId: run.id, severity, title, message: run.reason }, ctx.now());
}
