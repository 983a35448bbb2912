import { create } from 'zustand';
import type { ArgsOf } from '../../../shared/api/contract';
import type { DeploymentDetailDto, DeploymentSummaryDto } from '../../../shared/api/methods/deployments';
import { api, ApiCallError } from '../../api/client';

/** Imported deployments, the one open, and importing a log folder. Actions resolve to an error message, or null. */
interface DeploymentsState {
  list: DeploymentSummaryDto[];
  loaded: boolean;
  error: string | null;
  selected: string | null;
  detail: DeploymentDetailDto | null;
  detailError: string | null;
  load(): Promise<void>;
  select(id: string | null): void;
  reloadDetail(): Promise<void>;
  importLogs(args: ArgsOf<'deployments.import'>): Promise<{ error: string } | { unchanged: boolean; name: string }>;
  dismissError(): void;
}

const message = (err: unknown) => (err as Error).message;

export const useDeployments = create<DeploymentsState>((set, get) => ({
  list: [],
  loaded: false,
  error: null,
  selected: null,
  detail: null,
  detailError: null,

  async load() {
    try {
      const list = await api.invoke('deployments.list', {});
      set({ list, loaded: true, error: null });
      const { selected } = get();
      if (!selected || !list.some((d) => d.id === selected)) get().select(list[0]?.id ?? null);
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  select(id) {
    if (id === get().selected) return;
    set({ selected: id, detail: null, detailError: null });
    if (id) void get().reloadDetail();
  },

  async reloadDetail() {
    const id = get().selected;
    if (!id) return;
    try {
      const detail = await api.invoke('deployments.get', { id });
      if (get().selected === id) set({ detail, detailError: null });
    } catch (err) {
      if (get().selected !== id) return;
      if (err instanceof ApiCallError && err.code === 'not_found') set({ selected: null, detail: null });
      else set({ detailError: message(err) });
    }
  },

  async importLogs(args) {
    try {
      const r = await api.invoke('deployments.import', args);
      await get().load();
      if (get().selected === r.deployment.id) await get().reloadDetail();
      else get().select(r.deployment.id);
      return { unchanged: r.unchanged, name: r.deployment.name };
    } catch (err) {
      return { error: message(err) };
    }
  },

  dismissError: () => set({ error: null }),
}));

/** Keeps the list in step with imports made elsewhere (the CLI, another window). */
export function connectDeploymentEvents(): () => void {
  return api.on('deployments.changed', ({ id }) => {
    const s = useDeployments.getState();
    void s.load();
    if (id === s.selected) void s.reloadDetail();
  });
}
