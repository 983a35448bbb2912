/** Checks that an earlier run's artifact can be continued by this run, and picks what the family reuses. */
import { FAMILY_WARM_START, warmStartMismatch, type WarmStartTarget } from '../../shared/families/warm-start';
import type { PipelineJSON } from '../pipeline/pipeline';
import type { Family, ModelArtifact } from './types';

export interface WarmStart {
  pipeline: PipelineJSON;
  classes: ModelArtifact['classes'];
  /** The model to continue from; undefined when the family refits (forest, linear). */
  model: ModelArtifact['model'] | undefined;
}

export function checkWarmStart(a: ModelArtifact, run: WarmStartTarget & { family: Family }): WarmStart {
  const why = warmStartMismatch(a, run);
  if (why) throw new Error(`Cannot continue training: ${why}`);
  const model = FAMILY_WARM_START[run.family].mode === 'continue' ? a.model : undefined;
  return { pipeline: a.pipeline, classes: a.classes, model };
}
