/**
 * The background scheduler of the desktop app, browser mode and `lathe automation daemon`: runs what is
 * due at start (missed schedules once), then at every tick and when the machine wakes. Ticks never
 * overlap; stop() waits for the plan run in progress to decide.
 */
import { PLAN_DEFAULTS } from '../../../shared/automation/plan';
import type { SchedulerStateDto } from '../../../shared/automation/dto';
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
  private lastTick: string | null = null;

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
        this.lastTick = this.ctx.now().toISOString();
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

  /** What the Automation page shows: on, when it last looked, the next scheduled plan. */
  state(): SchedulerStateDto {
    return { ...schedulerState(this.ctx, !this.stopped && this.handle !== null, this.opts.tickMs ?? PLAN_DEFAULTS.tickMs), lastTickAt: this.lastTick };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) (this.opts.timers ?? realTimers).clearInterval(this.handle);
    this.handle = null;
    await this.current;
  }
}

/** The scheduled plan that fires next and how many plans' conditions are watched, for a scheduler on or off. */
export function schedulerState(ctx: HostContext, on: boolean, tickMs: number): SchedulerStateDto {
  const active = ctx.repos.automation.list().filter((p) => !p.paused);
  const next = active.filter((p) => p.nextDueAt).sort((a, b) => a.nextDueAt!.localeCompare(b.nextDueAt!))[0];
  const t = (p: (typeof active)[number]) => p.triggers.minNewRows !== null || p.triggers.driftThreshold !== null || p.triggers.metricFloor !== null || p.triggers.metricFraction !== null;
  return { on, tickMs, lastTickAt: null, next: next ? { planId: next.id, planName: next.name, at: next.nextDueAt! } : null, watching: active.filter(t).length };
}
