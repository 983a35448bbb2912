/**
 * A tabular or text run's stored model loaded for a plan: both predict a frame (a text model reads its
 * one text column) into values and class probabilities in the run's class order.
 */
import { ApiError } from '../../../shared/api/errors';
import type { Frame } from '../../../models/frame/frame';
import { isTextArtifact, type ModelArtifact, type RunArtifact } from '../../../models/train/types';
import { loadModel, type Prediction } from '../../../models/train/loadModel';
import { loadTextModel } from '../../../models/train/textModel';

export interface PlanModel {
  target: string;
  classes: (string | number)[] | null;
  predict(frame: Frame): Prediction;
  dispose(): void;
}

/** The run's artifact as a tabular or text model; anything else is refused naming whose it is. */
export function runArtifact(artifact: unknown, who: string): RunArtifact {
  const a = artifact as { format?: string } | null;
  if (a?.format === 'lathe-model' || a?.format === 'lathe-text-artifact') return a as RunArtifact;
  throw new ApiError('bad_request', `The ${who}'s model is not a tabular or text model (${a?.format ?? 'none stored'})`);
}

export async function loadPlanModel(artifact: RunArtifact): Promise<PlanModel> {
  if (isTextArtifact(artifact)) {
    const m = await loadTextModel(artifact);
    return { target: artifact.target, classes: artifact.classes, predict: (f) => m.predict(f), dispose: () => m.dispose() };
  }
  const m = loadModel(artifact as ModelArtifact);
  return { target: artifact.target, classes: artifact.classes, predict: (f) => m.predict(f), dispose: () => m.dispose() };
}
