/**
 * The background scheduler of the desktop app, browser mode and `lathe automation daemon`: runs what is
 * due at start (missed schedules once), then at every tick and when the machine wakes. Ticks never
 * overlap; stop() waits for the plan run in progress to decide.
 */
import { PLAN_DEFAULTS } from '../../../shared/automation/plan';
import type { HostContext } from '../handlers/types';
import { runDuePlans } from './triggers';

export interface SchedulerTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: SchedulerTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export interface SchedulerOptions {
  tickMs?: number;
  /** Tests pass timers that never fire and poke() instead. */
  timers?: SchedulerTimers;
}

export class AutomationScheduler {
  private handle: unknown = null;
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ctx: HostContext,
    private readonly opts: SchedulerOptions = {},
  ) {}

  start(): void {
    const timers = this.opts.timers ?? realTimers;
    this.handle = timers.setInterval(() => void this.poke(), this.opts.tickMs ?? PLAN_DEFAULTS.tickMs);
    (this.handle as { unref?: () => void }).unref?.();
    void this.poke();
  }

  /** Looks for due plans now (a tick, the machine waking up); a look already under way runs once more after. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      do {
        this.again = false;
        try {
          await runDuePlans(this.ctx);
        } catch (err) {
          this.ctx.log.error('automation scheduler tick failed', { err });
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) (this.opts.timers ?? realTimers).clearInterval(this.handle);
    this.handle = null;
    await this.current;
  }
}
