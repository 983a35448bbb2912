export { trainModel } from './trainModel';
export { trainRun, isTextRun } from './trainRun';
export { loadModel } from './loadModel';
export { loadTextModel, type LoadedTextModel } from './textModel';
export type { LoadedModel, Prediction } from './loadModel';
export { detectTask } from './task';
export type { Task } from './task';
export { isTextArtifact } from './types';
export type * from './types';
