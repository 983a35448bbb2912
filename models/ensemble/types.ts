/** An ensemble of registered tabular models: the members' artifacts and how their outputs combine. */
import type { LinearModelJSON } from '../linear/linear';
import type { ModelArtifact } from '../train/types';
import type { Task } from '../train/task';

export type EnsembleMethod = 'mean' | 'weighted' | 'stacking';

export interface EnsembleMember {
  /** NAME@VERSION the member was chosen as. */
  ref: string;
  runId: string;
  artifact: ModelArtifact;
}

export interface EnsembleArtifact {
  format: 'lathe-ensemble';
  version: 1;
  family: 'ensemble';
  method: EnsembleMethod;
  task: Task;
  target: string;
  /** The members' shared input columns (the registry's input schema reads them). */
  features: string[];
  classes: (string | number)[] | null;
  /** mean / weighted: one weight per member, summing to 1; stacking: null. */
  weights: number[] | null;
  /**
   * stacking: the meta-model on the members' outputs, member after member — regression: each prediction;
   * binary: each P(second class); multiclass: each member's K probabilities.
   */
  meta: LinearModelJSON | null;
  members: EnsembleMember[];
}

export const isEnsembleArtifact = (a: { format?: unknown }): a is EnsembleArtifact => a.format === 'lathe-ensemble';

export class EnsembleError extends Error {}
