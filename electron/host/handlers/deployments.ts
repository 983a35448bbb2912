import type { HandlerGroup } from './types';
import { importDeployment } from '../deployments/import-service';
import { DeploymentsRepo } from '../../data/db/repos/deployments-repo';

export const deploymentHandlers: HandlerGroup<'deployments.import' | 'deployments.list' | 'deployments.get'> = {
  'deployments.import': (args, ctx) => importDeployment(ctx, args),
  'deployments.list': (_args, ctx) => new DeploymentsRepo(ctx.db).list(),
  'deployments.get': (args, ctx) => new DeploymentsRepo(ctx.db).detail(args.id),
};
