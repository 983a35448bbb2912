export { trainModel } from './trainModel';
export { loadModel } from './loadModel';
export type { LoadedModel, Prediction } from './loadModel';
export { detectTask } from './task';
export type { Task } from './task';
export type * from './types';
