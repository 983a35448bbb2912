import type { StateCreator } from 'zustand';
import type { ProfileDto } from '../../../shared/api/datasets-dto';
import { api } from '../../api/client';
import { useJobs } from '../jobs/store';
import type { DatasetsState } from './store';

export interface ProfileSlice {
  profile: ProfileDto | null;
  profileFor: string | null;
  /** Set while the host computes the profile in a worker. */
  profileJobId: string | null;
  profileError: string | null;
  resetProfile(): void;
  loadProfile(id: string): Promise<void>;
}

export const createProfileSlice: StateCreator<DatasetsState, [], [], ProfileSlice> = (set, get) => ({
  profile: null,
  profileFor: null,
  profileJobId: null,
  profileError: null,

  resetProfile() {
    set({ profile: null, profileFor: null, profileJobId: null, profileError: null });
  },

  async loadProfile(id) {
    set((s) => (s.profileFor === id ? { profileError: null } : { profileFor: id, profile: null, profileJobId: null, profileError: null }));
    try {
      const { profile, jobId } = await api.invoke('datasets.profile', { id });
      if (get().profileFor !== id) return;
      set({ profile: profile ?? get().profile, profileJobId: profile ? null : jobId });
      if (!profile && jobId) {
        // A fast profile can finish before the id arrives; the job store has seen it then.
        const seen = useJobs.getState().jobs[jobId];
        if (seen) get().onJobSettled(seen);
      }
    } catch (err) {
      if (get().profileFor === id) set({ profileError: (err as Error).message });
    }
  },
});
