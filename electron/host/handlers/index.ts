import type { HandlerMap } from './types';
import { systemHandlers } from './system';
import { jobHandlers } from './jobs';
import { catalogHandlers } from './catalog';
import { datasetHandlers } from './datasets';
import { runHandlers } from './runs';
import { sweepHandlers } from './sweeps';
import { registryHandlers } from './registry';
import { exportHandlers } from './export';
import { explorerHandlers } from './explorer';

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
};
