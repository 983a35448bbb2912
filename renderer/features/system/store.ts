import { create } from 'zustand';
import type { AppInfoDto } from '../../../shared/api/dto';
import { api } from '../../api/client';

interface SystemState {
  info: AppInfoDto | null;
  error: string | null;
  checkJobId: string | null;
  loadInfo(): Promise<void>;
  runCheck(seconds: number): Promise<void>;
}

export const useSystem = create<SystemState>((set) => ({
  info: null,
  error: null,
  checkJobId: null,
  async loadInfo() {
    try {
      set({ info: await api.invoke('app.info', {}), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async runCheck(seconds) {
    try {
      const { jobId } = await api.invoke('system.machineCheck', { seconds });
      set({ checkJobId: jobId, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
}));
