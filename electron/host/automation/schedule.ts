/** Cron schedules of plans (croner): checked once with the bad part named, and the next firing after a time. */
import { Cron } from 'croner';
import { ApiError } from '../../../shared/api/errors';

function cron(text: string): Cron {
  return new Cron(text, { paused: true });
}

/** Throws a `bad_request` naming the field and croner's account of the bad part ("Invalid value for minute: 61"). */
export function checkSchedule(text: string, field = 'triggers.schedule'): void {
  try {
    if (cron(text).nextRun(new Date()) === null) throw new Error('it never fires');
  } catch (err) {
    const why = (err as Error).message.replace(/^CronPattern: /, '');
    throw new ApiError('bad_request', `Invalid argument '${field}': cron text '${text}' is not valid: ${why}`, { field });
  }
}

/** The first firing strictly after `after`, or null when the pattern has none left. */
export function nextFiring(text: string, after: Date): Date | null {
  return cron(text).nextRun(after);
}
