import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import { modelName } from './registry';

export const ENSEMBLE_METHODS = ['mean', 'weighted', 'stacking'] as const;
export type EnsembleMethodName = (typeof ENSEMBLE_METHODS)[number];

/** A member as the ensemble used it, scored on the ensemble's rows. */
export interface EnsembleMemberDto {
  ref: string;
  runId: string;
  family: string;
  /** One weight per member (mean, weighted); null for stacking. */
  weight: number | null;
  metrics: Record<string, number>;
}

/** What an ensemble run's report carries beside a run's usual parts. */
export interface EnsembleReportDto {
  method: EnsembleMethodName;
  weights: number[] | null;
  members: EnsembleMemberDto[];
  /** Why the members' held-out rows are not shared (then only 'mean' builds); null when they are. */
  notShared: string | null;
}

/** Result of the models.ensemble job once the run is stored and registered. */
export interface EnsembleOutcomeDto {
  runId: string;
  name: string;
  version: string;
  method: EnsembleMethodName;
  weights: number[] | null;
  metrics: Record<string, number>;
  members: EnsembleMemberDto[];
  durationMs: number;
}

export const ensembleArgs = z
  .object({
    /** The registered model the ensemble becomes the next version of. */
    name: modelName,
    /** NAME@VERSION or NAME@ALIAS of each member (at least two). */
    members: z.array(refSchema).min(2).max(20),
    method: z.enum(ENSEMBLE_METHODS).default('mean'),
    description: z.string().max(2000).default(''),
  })
  .strict();
export type EnsembleArgs = z.output<typeof ensembleArgs>;

export const ensembleMethods = {
  /**
   * Combines registered tabular models (same task, classes and input columns) into one: their mean, weights
   * fitted on the held-out rows they share, or a stacked meta-model. Recorded as a run and registered as the
   * next version of `name`; returns at once, the job's result is an EnsembleOutcomeDto.
   */
  'models.ensemble': method<{ runId: string; jobId: string }>()(ensembleArgs),
};
