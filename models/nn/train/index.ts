/** The shared training loop for TF.js networks and its parts. */
export { trainNetwork, type NetworkData, type TrainOptions, type TrainResult } from './loop';
export { AdamW, type AdamWConfig, type AdamWState } from './adamw';
export { makeSchedule, type Schedule, type ScheduleSpec } from './schedule';
export { clipByGlobalNorm, globalNorm } from './clip';
export { checkResumable, FitSequence, type TrainCheckpoint, type CheckpointFingerprint, type EncodedArray, type FitCheckpointing, type RunCheckpoint } from './checkpoint';
export { lossFunction, type LossFn, type LossName } from './losses';
export type { RowSet } from './batches';
