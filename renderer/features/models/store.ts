import { create } from 'zustand';
import type { ModelSummaryDto } from '../../../shared/api/dto';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ModelDetailDto, ModelVersionDto } from '../../../shared/api/methods/registry';
import { api, ApiCallError } from '../../api/client';

/**
 * The registry: the named models, the one open (its versions, aliases and alias history), and
 * the moves on it. Actions resolve to an error message, or null when done.
 */
interface ModelsState {
  models: ModelSummaryDto[];
  loaded: boolean;
  error: string | null;
  selected: string | null;
  detail: ModelDetailDto | null;
  detailError: string | null;
  load(): Promise<void>;
  select(name: string | null): void;
  reloadDetail(): Promise<void>;
  register(args: ArgsOf<'models.register'>): Promise<{ version: ModelVersionDto } | { error: string }>;
  promote(version: string, alias: string, note: string): Promise<string | null>;
  rollback(alias: string, note: string): Promise<string | null>;
  dismissError(): void;
}

const message = (err: unknown) => (err as Error).message;

export const useModels = create<ModelsState>((set, get) => ({
  models: [],
  loaded: false,
  error: null,
  selected: null,
  detail: null,
  detailError: null,

  async load() {
    try {
      const models = await api.invoke('models.list', {});
      set({ models, loaded: true, error: null });
      // Open the first model, or let go of one that is gone.
      const { selected } = get();
      if (!selected || !models.some((m) => m.name === selected)) get().select(models[0]?.name ?? null);
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  select(name) {
    if (name === get().selected) return;
    set({ selected: name, detail: null, detailError: null });
    if (name) void get().reloadDetail();
  },

  async reloadDetail() {
    const name = get().selected;
    if (!name) return;
    try {
      const detail = await api.invoke('models.get', { name });
      if (get().selected === name) set({ detail, detailError: null });
    } catch (err) {
      if (get().selected !== name) return;
      if (err instanceof ApiCallError && err.code === 'not_found') set({ selected: null, detail: null });
      else set({ detailError: message(err) });
    }
  },

  async register(args) {
    try {
      const version = await api.invoke('models.register', args);
      await get().load();
      if (get().selected === version.name) await get().reloadDetail();
      else get().select(version.name);
      return { version };
    } catch (err) {
      return { error: message(err) };
    }
  },

  async promote(version, alias, note) {
    const name = get().selected;
    if (!name) return 'No model is open.';
    try {
      const detail = await api.invoke('models.promote', { name, version, alias, note });
      if (get().selected === name) set({ detail });
      void get().load();
      return null;
    } catch (err) {
      return message(err);
    }
  },

  async rollback(alias, note) {
    const name = get().selected;
    if (!name) return 'No model is open.';
    try {
      const detail = await api.invoke('models.rollback', { name, alias, note });
      if (get().selected === name) set({ detail });
      void get().load();
      return null;
    } catch (err) {
      return message(err);
    }
  },

  dismissError: () => set({ error: null }),
}));

/** Keeps the registry in step with the host (the CLI or another window may move aliases too). */
export function connectModelEvents(): () => void {
  return api.on('models.changed', ({ name }) => {
    const s = useModels.getState();
    void s.load();
    if (name === s.selected) void s.reloadDetail();
  });
}
