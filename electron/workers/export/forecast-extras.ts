/**
 * What a forecast bundle carries besides the runtime, by family: the gbdt trees as ONNX (fed by the runtime's
 * feature rows), the lstm network as a TF.js layers model. Per-series families have none.
 */
import type { ExportResultDto } from '../../../shared/api/methods/export';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { Forecaster } from '../../../models/forecast/runtime';
import type { ParityCase } from './forecast-parity';

export interface ForecastExtras {
  files: Record<string, string | Uint8Array>;
  bytes: number;
  manifest: Record<string, unknown>;
  facts: { onnxFeatures: string[] | null; tfjsNote: string | null };
  inputs: ExportResultDto['inputs'];
}

export async function forecastExtras(artifact: ForecastArtifact, _bundle: Forecaster, _fromFit: ParityCase): Promise<ForecastExtras> {
  void artifact;
  return { files: {}, bytes: 0, manifest: {}, facts: { onnxFeatures: null, tfjsNote: null }, inputs: [] };
}
