/**
 * Whether a plan's challenger can continue from its champion (`warmStartFrom`) instead of training
 * from scratch: the family's rule in shared/families/warm-start.ts decides; null when it can.
 */
import { FAMILY_WARM_START } from '../../../shared/families/warm-start';
import type { Family } from '../../../shared/families/index';

export function incrementalProblem(family: string | null): string | null {
  const rule = FAMILY_WARM_START[family as Family];
  if (!rule) return `the champion's model (${family ?? 'unknown'}) cannot continue from an earlier run; leave incremental off`;
  return rule.mode === 'none' ? `${family} cannot continue from an earlier run: ${rule.how}; leave incremental off` : null;
}
