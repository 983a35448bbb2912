export * from './api/errors';
export * from './api/dto';
export * from './api/contract';
export * from './api/events';
export * from './api/datasets-dto';
export * from './api/runs-dto';
