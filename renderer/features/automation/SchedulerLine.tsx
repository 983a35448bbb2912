import type { SchedulerStateDto } from '../../../shared/automation/dto';
import { whenText } from './schedule-text';

/** One line under the page title: whether this app's scheduler runs plans, and which fires next. */
export function SchedulerLine({ state }: { state: SchedulerStateDto | null }) {
  if (!state) return null;
  const every = state.tickMs >= 60_000 ? `${Math.round(state.tickMs / 60_000)} min` : `${Math.round(state.tickMs / 1000)} s`;
  const next = state.next ? `next: ${state.next.planName}, ${whenText(state.next.at)}` : 'no scheduled plan';
  const watching = state.watching > 0 ? ` · conditions of ${state.watching} plan${state.watching === 1 ? '' : 's'} checked every ${every}` : '';
  return (
    <p className={`scheduler-line${state.on ? ' on' : ''}`} data-testid="scheduler-line" aria-live="polite">
      <span className="scheduler-dot" aria-hidden="true" />
      {state.on ? (
        <>
          Scheduler on · {next}
          {watching}
        </>
      ) : (
        <>Scheduler off in this process: plans run by hand, or with lathe automation daemon · {next}</>
      )}
    </p>
  );
}
