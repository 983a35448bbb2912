/**
 * Whether a challenger can be warm-started from its champion. Training has no warm start yet, so a
 * plan asking for it is refused rather than silently trained from scratch.
 */
export function incrementalProblem(): string | null {
  return 'incremental training (warm-starting the challenger from the champion) is not available in this build; leave it off to train the challenger from scratch';
}
