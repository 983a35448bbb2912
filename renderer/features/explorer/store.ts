import { create } from 'zustand';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createPdpSlice, type PdpSlice } from './pdp-slice';
import { createBatchSlice, type BatchSlice } from './batch-slice';
import { createOnnxSlice, type OnnxSlice } from './onnx-slice';
import { createRowsSlice, type RowsSlice } from './rows-slice';
import { createThresholdSlice, type ThresholdSlice } from './threshold-slice';

/**
 * The Explorer section's state: the model explored (kept while moving between sections), its
 * what-if form and prediction (started from a dataset row if wished), partial dependence curves, a
 * binary model's decision threshold, a batch prediction, and an external .onnx file. Split into
 * slices so each concern stays readable.
 */
export type ExplorerState = ModelSlice & PdpSlice & BatchSlice & OnnxSlice & RowsSlice & ThresholdSlice;

export const useExplorer = create<ExplorerState>()((...a) => ({
  ...createModelSlice(...a),
  ...createPdpSlice(...a),
  ...createBatchSlice(...a),
  ...createOnnxSlice(...a),
  ...createRowsSlice(...a),
  ...createThresholdSlice(...a),
}));
