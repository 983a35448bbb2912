import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';

export interface ExportResultDto {
  /**
   * 'forecast': a forecast run's bundle (model.json, forecast.mjs), whatever format was asked; 'recommend': a
   * recommender's (model.onnx scorer, manifest with id maps and seen items, serving examples).
   */
  format: 'onnx' | 'tfjs' | 'forecast' | 'recommend';
  outDir: string;
  files: string[];
  sizeBytes: number;
  /**
   * Forecasts: rows are forecast points and labelMismatches points at another series or time than the app's.
   * Recommenders: rows are users, labelMismatches top-k positions holding another item than the app's.
   */
  parity: { rows: number; maxAbs: number; maxRel: number; labelMismatches: number; passed: boolean };
  /** Forecasts: single = one series' forecast, batch rows = forecast points of every series. Recommenders: users. */
  latency: { singleP50Us: number; singleP99Us: number; batchRowsPerSec: number; batchRows: number };
  inputs: { name: string; type: string; column: string; kind: string }[];
  outputs: { name: string; meaning: string }[];
}

/** A path argument: empty or blank would mean the current folder, so it is refused. */
const pathArg = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => s.trim() !== '', 'must not be blank');

export const exportMethods = {
  /**
   * Exports a run or NAME@VERSION with its preprocessing, after a parity check in onnxruntime. A forecast
   * run is exported as a forecast bundle (format 'forecast', chosen for it; 'tfjs' is refused), a recommender
   * run as a recommender bundle (format 'recommend', likewise).
   * Files already in `outDir` under the bundle's names are refused (conflict, `details.files`)
   * unless `force`.
   */
  'models.export': method<ExportResultDto>()(
    z
      .object({
        model: refSchema,
        format: z.enum(['onnx', 'tfjs', 'forecast', 'recommend']).default('onnx'),
        outDir: pathArg,
        /** Replace files of the same names already in outDir. */
        force: z.boolean().default(false),
      })
      .strict(),
  ),
};

export const predictMethods = {
  /**
   * Batch predictions of a CSV file through onnxruntime in a worker; returns the job id at once.
   * Without `out` the file is written under the data folder (see explorer.predictionFile). An
   * existing file at `out` is refused (conflict, `details.files`) unless `force`.
   */
  'models.predict': method<{ jobId: string }>()(
    z.object({ model: refSchema, input: pathArg, out: pathArg.optional(), force: z.boolean().default(false) }).strict(),
  ),
};
