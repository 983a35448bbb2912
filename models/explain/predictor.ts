/**
 * Frame -> model outputs, as loadModel computes them, with a dispose() so the TF.js network of
 * an mlp is freed after a batch of explanation work (LoadedModel keeps it for its lifetime).
 */
import type { Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { Pipeline } from '../pipeline/pipeline';
import { GbdtModel, GbdtModelJSON } from '../gbdt/model';
import { ForestModel, ForestModelJSON } from '../forest/forest';
import { LinearModel, LinearModelJSON } from '../linear/linear';
import { MlpModel, MlpModelJSON } from '../mlp/mlp';
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
  let model: { predict(X: Float32Array, n: number): Float64Array };
  let dispose = () => {};
  switch (artifact.family) {
    case 'gbdt':
      model = GbdtModel.fromJSON(artifact.model as GbdtModelJSON);
      break;
    case 'forest':
      model = ForestModel.fromJSON(artifact.model as ForestModelJSON);
      break;
    case 'linear':
      model = LinearModel.fromJSON(artifact.model as LinearModelJSON);
      break;
    case 'mlp': {
      const mlp = MlpModel.fromJSON(artifact.model as MlpModelJSON);
      model = mlp;
      dispose = () => mlp.dispose();
      break;
    }
  }
  return {
    outputs: explainedOutputs(artifact),
    predict(frame) {
      const m = pipeline.transform(frame);
      return model.predict(m.data, m.rows);
    },
    dispose,
  };
}
