export { exportOnnx, OUTPUT_NAMES } from './export';
export type { OnnxExport, OnnxExportOptions, OnnxOutput } from './export';
export { OnnxExportError } from './preprocess';
export type { OnnxInput, OnnxInputType } from './preprocess';
export { buildFeeds } from './feeds';
export type { OnnxFeed } from './feeds';
