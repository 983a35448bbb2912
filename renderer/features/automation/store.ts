import { create } from 'zustand';
import type { AlertDto, PlanDetailDto, PlanDto, SchedulerStateDto } from '../../../shared/automation/dto';
import type { PlanPatch, PlanSpecInput } from '../../../shared/automation/plan';
import { api } from '../../api/client';

interface AutomationState {
  plans: PlanDto[];
  loaded: boolean;
  selected: string | null;
  detail: PlanDetailDto | null;
  error: string | null;
  /** Model names for the editor. */
  models: string[];
  /** The host's scheduler: on or off, the next scheduled plan. */
  scheduler: SchedulerStateDto | null;
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  reloadDetail(): Promise<void>;
  /** Each resolves to null when done, or the host's message. */
  create(spec: PlanSpecInput): Promise<string | null>;
  update(plan: string, patch: PlanPatch): Promise<string | null>;
  pause(plan: string): Promise<string | null>;
  resume(plan: string): Promise<string | null>;
  runNow(plan: string): Promise<string | null>;
  remove(plan: string): Promise<string | null>;
}

const message = (err: unknown) => (err as Error).message;

/** Retraining plans: the list, the open plan with its runs, and the moves on them. */
export const useAutomation = create<AutomationState>((set, get) => {
  /** Runs a change, then refreshes the list and the open plan; the host's refusal comes back as text. */
  const act = async (fn: () => Promise<unknown>): Promise<string | null> => {
    try {
      await fn();
      await get().load();
      return null;
    } catch (err) {
      return message(err);
    }
  };
  return {
    plans: [],
    loaded: false,
    selected: null,
    detail: null,
    error: null,
    models: [],
    scheduler: null,

    async load() {
      try {
        const [plans, models, scheduler] = await Promise.all([api.invoke('automation.list', {}), api.invoke('models.list', {}), api.invoke('automation.scheduler', {})]);
        set({ plans, models: models.map((m) => m.name), scheduler, loaded: true, error: null });
        const { selected } = get();
        if (!selected || !plans.some((p) => p.id === selected)) await get().select(plans[0]?.id ?? null);
        else await get().reloadDetail();
      } catch (err) {
        set({ error: message(err), loaded: true });
      }
    },

    async select(id) {
      set({ selected: id, detail: id === get().detail?.id ? get().detail : null });
      if (id) await get().reloadDetail();
    },

    async reloadDetail() {
      const id = get().selected;
      if (!id) return;
      try {
        const detail = await api.invoke('automation.get', { plan: id, runs: 50 });
        if (get().selected === id) set({ detail });
      } catch (err) {
        set({ error: message(err) });
      }
    },

    async create(spec) {
      try {
        const plan = await api.invoke('automation.create', spec);
        set({ selected: plan.id });
        await get().load();
        return null;
      } catch (err) {
        return message(err);
      }
    },
    update: (plan, patch) => act(() => api.invoke('automation.update', { plan, patch })),
    pause: (plan) => act(() => api.invoke('automation.pause', { plan })),
    resume: (plan) => act(() => api.invoke('automation.resume', { plan })),
    runNow: (plan) => act(() => api.invoke('automation.runNow', { plan, wait: false })),
    remove: (plan) => act(() => api.invoke('automation.delete', { plan })),
  };
});

interface InboxState {
  alerts: AlertDto[];
  unread: number;
  load(): Promise<void>;
  markRead(ids?: string[]): Promise<void>;
}

/** The alerts plans raise; the navigation shows the unread count. */
export const useInbox = create<InboxState>((set, get) => ({
  alerts: [],
  unread: 0,
  async load() {
    try {
      const alerts = await api.invoke('automation.alerts', { limit: 100 });
      set({ alerts, unread: alerts.filter((a) => a.readAt === null).length });
    } catch {
      // The count is a convenience; the page shows errors of its own.
    }
  },
  async markRead(ids) {
    await api.invoke('automation.alertsRead', { ids });
    await get().load();
  },
}));

/** Keeps plans and the inbox current as the host decides; returns the unsubscribe. */
export function connectAutomationEvents(): () => void {
  void useInbox.getState().load();
  const refresh = () => {
    void useInbox.getState().load();
    if (useAutomation.getState().loaded) void useAutomation.getState().load();
  };
  const offs = [api.on('automation.changed', refresh), api.on('automation.decision', refresh), api.on('events.reconnected', refresh)];
  return () => offs.forEach((off) => off());
}
