/**
 * What a run page says in place of a result that never came: a failed run points at its error above;
 * a cancelled or interrupted one has no error to point at, so it says it was stopped.
 */
export function noResultText(status: string, nothing: string, newRun: string): string {
  if (status === 'cancelled' || status === 'interrupted') {
    return `${nothing}: the run was ${status} before it ended. Resume it when the page offers Resume, Re-run it, or change the settings with ${newRun}.`;
  }
  return `${nothing}: see the reason above, change the settings with ${newRun}, or Re-run.`;
}
