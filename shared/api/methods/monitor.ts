import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import type { DriftReportDto } from '../monitor-dto';
import { outcomesMethods } from './outcomes';

const column = z.string().min(1).max(200);

export const driftArgs = z
  .object({
    /** A dataset (id or name), or NAME@VERSION / NAME@ALIAS: that version's training rows. */
    reference: refSchema,
    /** A dataset (id or name) with the reference's columns. */
    current: refSchema,
    /** Columns to compare; default: the model's input columns, or every non-text column of the reference. */
    columns: z.array(column).min(1).max(1000).optional(),
  })
  .strict();
export type DriftArgs = z.output<typeof driftArgs>;

export const monitorMethods = {
  /** Drift and data-quality checks of a current dataset against a reference, computed in a worker; waits for it. */
  'monitor.drift': method<DriftReportDto>()(driftArgs),
  /** The same check started as a job: answers its id at once; the job's result is the report. */
  'monitor.startDrift': method<{ jobId: string }>()(driftArgs),
  ...outcomesMethods,
};
