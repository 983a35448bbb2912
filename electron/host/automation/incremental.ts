/**
 * Whether a plan's challenger can continue from its champion (`warmStartFrom`) instead of training
 * from scratch: the rules in shared/families/warm-start.ts decide (tabular and text families, each
 * recommender model, forecasters); null when it can.
 */
import { FAMILY_WARM_START, FORECAST_WARM_START, RECOMMEND_WARM_START, type WarmStartRule } from '../../../shared/families/warm-start';
import type { HostContext } from '../handlers/types';

export function incrementalProblem(ctx: HostContext, runId: string): string | null {
  const { runs } = ctx.repos;
  const family = runs.get(runId, 0).family;
  const byModel: Record<string, WarmStartRule | undefined> = runs.recommendArgs(runId) ? RECOMMEND_WARM_START : FAMILY_WARM_START;
  const rule = runs.forecastArgs(runId) ? FORECAST_WARM_START : byModel[family ?? ''];
  if (!rule) return `the champion's model (${family ?? 'unknown'}) cannot continue from an earlier run; leave incremental off`;
  return rule.mode === 'none' ? `${family} cannot continue from an earlier run: ${rule.how}; leave incremental off` : null;
}
