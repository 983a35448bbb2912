/**
 * Where a network trained: the TF.js backend chosen, every backend tried in order with why each before it
 * was refused, and what trained the batches — 'wasm-kernel' (the dense WebAssembly kernel) or that backend,
 * with the reason the kernel did not cover the network. Tabular, text, forecast and recommender runs that
 * train a network all carry it in their report.
 */
export interface TrainingDeviceDto {
  backend: string;
  tried: { name: string; ok: boolean; reason?: string }[];
  trainedOn?: string;
  kernelSkipped?: string;
}
