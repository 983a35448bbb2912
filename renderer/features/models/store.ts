import { create } from 'zustand';
import type { ModelSummaryDto } from '../../../shared/api/dto';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ModelDetailDto, ModelVersionDto } from '../../../shared/api/methods/registry';
import { api } from '../../api/client';
import { errorMessage, listDetailSlice, type ListDetailState } from '../../api/list-detail-store';

/**
 * The registry: the named models, the one open (its versions, aliases and alias history), and
 * the moves on it. Actions resolve to an error message, or null when done.
 */
interface ModelsState extends ListDetailState<ModelSummaryDto, ModelDetailDto> {
  register(args: ArgsOf<'models.register'>): Promise<{ version: ModelVersionDto } | { error: string }>;
  promote(version: string, alias: string, note: string): Promise<string | null>;
  rollback(alias: string, note: string): Promise<string | null>;
}

const message = errorMessage;

export const useModels = create<ModelsState>((set, get) => ({
  ...listDetailSlice<ModelSummaryDto, ModelDetailDto, ModelsState>(set, get, {
    fetchList: () => api.invoke('models.list', {}),
    keyOf: (m) => m.name,
    fetchDetail: (name) => api.invoke('models.get', { name }),
  }),

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

}));

/** Keeps the registry in step with the host (the CLI or another window may move aliases too). */
export function connectModelEvents(): () => void {
  return api.on('models.changed', ({ name }) => {
    const s = useModels.getState();
    void s.load();
    if (name === s.selected) void s.reloadDetail();
  });
}
