import { create } from 'zustand';
import type { ArgsOf } from '../../../shared/api/contract';
import type { DeploymentDetailDto, DeploymentSummaryDto } from '../../../shared/api/methods/deployments';
import { api } from '../../api/client';
import { errorMessage, listDetailSlice, type ListDetailState } from '../../api/list-detail-store';

/** Imported deployments, the one open, and importing a log folder. */
interface DeploymentsState extends ListDetailState<DeploymentSummaryDto, DeploymentDetailDto> {
  importLogs(args: ArgsOf<'deployments.import'>): Promise<{ error: string } | { unchanged: boolean; name: string }>;
}

export const useDeployments = create<DeploymentsState>((set, get) => ({
  ...listDetailSlice<DeploymentSummaryDto, DeploymentDetailDto, DeploymentsState>(set, get, {
    fetchList: () => api.invoke('deployments.list', {}),
    keyOf: (d) => d.id,
    fetchDetail: (id) => api.invoke('deployments.get', { id }),
  }),

  async importLogs(args) {
    try {
      const r = await api.invoke('deployments.import', args);
      await get().load();
      if (get().selected === r.deployment.id) await get().reloadDetail();
      else get().select(r.deployment.id);
      return { unchanged: r.unchanged, name: r.deployment.name };
    } catch (err) {
      return { error: errorMessage(err) };
    }
  },
}));

/** Keeps the list in step with imports made elsewhere (the CLI, another window). */
export function connectDeploymentEvents(): () => void {
  return api.on('deployments.changed', ({ id }) => {
    const s = useDeployments.getState();
    void s.load();
    if (id === s.selected) void s.reloadDetail();
  });
}
