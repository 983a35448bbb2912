import { Cron } from 'croner';
import { cronToWords } from './cron-words';

export interface ScheduleText {
  /** The schedule in words, or the text itself when it cannot be worded. */
  words: string;
  /** The next firing after `now` in this machine's time zone, or null. */
  next: Date | null;
  /** What croner says is wrong with the text, or null when it is fine. */
  problem: string | null;
}

/** What the editor shows under the cron field: words, the next firing, or what is wrong. */
export function describeSchedule(text: string, now: Date = new Date()): ScheduleText {
  const t = text.trim();
  if (!t) return { words: 'No schedule: the plan runs on its other triggers or by hand.', next: null, problem: null };
  try {
    const next = new Cron(t, { paused: true }).nextRun(now);
    return { words: cronToWords(t) ?? t, next, problem: next ? null : 'It never fires.' };
  } catch (err) {
    return { words: t, next: null, problem: (err as Error).message.replace(/^CronPattern: /, '') };
  }
}

/** "Mon 11 Mar, 03:00 (in 3 days)": a date as the plan list and the editor show it. */
export function whenText(at: Date | string | null, now: Date = new Date()): string {
  if (!at) return '–';
  const d = typeof at === 'string' ? new Date(at) : at;
  const date = d.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const ms = d.getTime() - now.getTime();
  const mins = Math.round(Math.abs(ms) / 60_000);
  const span = mins < 60 ? `${mins} min` : mins < 48 * 60 ? `${Math.round(mins / 60)} h` : `${Math.round(mins / 1440)} days`;
  return `${date} (${ms >= 0 ? `in ${span}` : `${span} ago`})`;
}
