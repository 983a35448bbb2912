/**
 * Frame -> the raw model outputs that explanations decompose, with a dispose() so the TF.js
 * network of an mlp is freed after a batch of explanation work.
 */
import type { Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { Pipeline } from '../pipeline/pipeline';
import { familyModel } from '../train/loadModel';
import { explainedOutputs } from './methodOf';

export interface FramePredictor {
  /** Outputs per row: 1 for regression and binary, classes for multiclass. */
  outputs: number;
  /** n x outputs: regression values, P(classes[1]) for binary, class probabilities for multiclass. */
  predict(frame: Frame): Float64Array;
  dispose(): void;
}

export function openPredictor(artifact: ModelArtifact): FramePredictor {
  const pipeline = Pipeline.fromJSON(artifact.pipeline);
  const model = familyModel(artifact.family, artifact.model);
  return {
    outputs: explainedOutputs(artifact),
    predict(frame) {
      const m = pipeline.transform(frame);
      return model.run(m.data, m.rows);
    },
    dispose: () => model.dispose(),
  };
}
