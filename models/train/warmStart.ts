/** Checks that an earlier run's artifact can be continued by this run, and picks what the family reuses. */
import { FAMILY_WARM_START } from '../../shared/families/warm-start';
import type { PipelineJSON } from '../pipeline/pipeline';
import type { Task } from './task';
import type { Family, ModelArtifact } from './types';

export interface WarmStart {
  pipeline: PipelineJSON;
  classes: ModelArtifact['classes'];
  /** The model to continue from; undefined when the family refits (forest, linear). */
  model: ModelArtifact['model'] | undefined;
}

/** What this run trains: compared with the earlier artifact field by field. */
export interface WarmStartTarget {
  family: Family;
  task: Task;
  target: string;
  features: string[];
}

/** The first difference between an earlier artifact and this run, in words that name the field or column; null when it can continue. */
export function warmStartMismatch(a: Pick<ModelArtifact, 'family' | 'task' | 'target' | 'features'>, run: WarmStartTarget): string | null {
  if (a.family !== run.family) return `the run continued from is ${a.family}, this run is ${run.family}`;
  if (a.target !== run.target) return `the run continued from predicts '${a.target}', this run '${run.target}'`;
  if (a.task !== run.task) return `the run continued from is ${a.task}, this run is ${run.task}`;
  const mine = new Set(run.features);
  const missing = a.features.find((f) => !mine.has(f));
  if (missing !== undefined) return `this run has no feature column '${missing}', which the run continued from trained on`;
  const theirs = new Set(a.features);
  const extra = run.features.find((f) => !theirs.has(f));
  if (extra !== undefined) return `the column '${extra}' is not among the features the run continued from trained on (exclude it)`;
  const rule = FAMILY_WARM_START[run.family];
  if (rule.mode === 'none') return `${run.family} cannot continue from an earlier run: ${rule.how}`;
  return null;
}

export function checkWarmStart(a: ModelArtifact, run: WarmStartTarget): WarmStart {
  const why = warmStartMismatch(a, run);
  if (why) throw new Error(`Cannot continue training: ${why}`);
  const model = FAMILY_WARM_START[run.family].mode === 'continue' ? a.model : undefined;
  return { pipeline: a.pipeline, classes: a.classes, model };
}
