import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';

export interface ExportResultDto {
  format: 'onnx' | 'tfjs';
  outDir: string;
  files: string[];
  sizeBytes: number;
  parity: { rows: number; maxAbs: number; maxRel: number; labelMismatches: number; passed: boolean };
  latency: { singleP50Us: number; singleP99Us: number; batchRowsPerSec: number; batchRows: number };
  inputs: { name: string; type: string; column: string; kind: string }[];
  outputs: { name: string; meaning: string }[];
}

export const exportMethods = {
  /** Exports a run or NAME@VERSION with its preprocessing, after a parity check in onnxruntime. */
  'models.export': method<ExportResultDto>()(
    z
      .object({
        model: refSchema,
        format: z.enum(['onnx', 'tfjs']).default('onnx'),
        outDir: z.string().min(1),
      })
      .strict(),
  ),
};

export const predictMethods = {
  /**
   * Batch predictions of a CSV file through onnxruntime in a worker; returns the job id at once.
   * Without `out` the file is written under the data folder (see explorer.predictionFile).
   */
  'models.predict': method<{ jobId: string }>()(
    z.object({ model: refSchema, input: z.string().min(1), out: z.string().min(1).optional() }).strict(),
  ),
};
