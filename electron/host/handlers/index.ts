import type { HandlerMap, HostContext } from './types';
import type { MethodName, ParsedArgsOf, ResultOf } from '../../../shared/api/contract';
import { systemHandlers } from './system';
import { jobHandlers } from './jobs';
import { catalogHandlers } from './catalog';
import { datasetHandlers } from './datasets';
import { runHandlers } from './runs';
import { sweepHandlers } from './sweeps';
import { registryHandlers } from './registry';
import { exportHandlers } from './export';
import { explorerHandlers } from './explorer';
import { forecastHandlers } from './forecast';
import { textHandlers } from './text';
import { recommendHandlers } from './recommend';
import { monitorHandlers } from './monitor';
import { ensembleHandlers } from './ensemble';
import { deploymentHandlers } from './deployments';
import { automationHandlers } from './automation';

/** Every method of the contract has exactly one handler here (checked by the type). */
export const handlers: HandlerMap = {
  ...systemHandlers,
  ...jobHandlers,
  ...catalogHandlers,
  ...datasetHandlers,
  ...runHandlers,
  ...sweepHandlers,
  ...registryHandlers,
  ...exportHandlers,
  ...explorerHandlers,
  ...forecastHandlers,
  ...textHandlers,
  ...recommendHandlers,
  ...monitorHandlers,
  ...ensembleHandlers,
  ...deploymentHandlers,
  ...automationHandlers,
};

/** Runs one method's handler with its parsed arguments (the mapped type keeps method and handler paired). */
export function runHandler<M extends MethodName>(method: M, args: ParsedArgsOf<M>, ctx: HostContext): Promise<ResultOf<M>> | ResultOf<M> {
  const handler: HandlerMap[M] = handlers[method];
  return handler(args, ctx);
}
