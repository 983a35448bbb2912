/** Rebuilds a trained model from its JSON artifact and predicts on new frames. */
import type { Frame } from '../frame/frame';
import type { Family, ModelArtifact } from './types';
import { Pipeline } from '../pipeline/pipeline';
import { GbdtModel, GbdtModelJSON } from '../gbdt/model';
import { ForestModel, ForestModelJSON } from '../forest/forest';
import { LinearModel, LinearModelJSON } from '../linear/linear';
import { MlpModel, MlpModelJSON } from '../mlp/mlp';
import { argmaxRows, toClassProbs } from '../metrics/classification';

export interface Prediction {
  /** Regression values, or predicted class indices into `labels`' source classes. */
  values: Float64Array;
  /** Classification only: n x K probabilities. */
  probabilities: Float64Array | null;
  /** Classification only: predicted class labels. */
  labels: (string | number)[] | null;
  /** Regression with a calibrated interval: conformal bounds. */
  lower: Float64Array | null;
  upper: Float64Array | null;
}

export interface LoadedModel {
  artifact: ModelArtifact;
  predict(frame: Frame): Prediction;
  /** Frees what lives outside the JS heap (an mlp's TF.js network); call when done in a long-lived process. */
  dispose(): void;
}

/** A family's model on pipeline-transformed rows: raw outputs (margins or values). */
export interface FamilyModel {
  run(X: Float32Array, n: number): Float64Array;
  dispose(): void;
}

const keep = () => {};

export function familyModel(family: Family, json: ModelArtifact['model']): FamilyModel {
  switch (family) {
    case 'gbdt': {
      const m = GbdtModel.fromJSON(json as GbdtModelJSON);
      return { run: (X, n) => m.predict(X, n), dispose: keep };
    }
    case 'forest': {
      const m = ForestModel.fromJSON(json as ForestModelJSON);
      return { run: (X, n) => m.predict(X, n), dispose: keep };
    }
    case 'linear': {
      const m = LinearModel.fromJSON(json as LinearModelJSON);
      return { run: (X, n) => m.predict(X, n), dispose: keep };
    }
    case 'mlp': {
      // Uses the current TF.js backend; call selectBackend() first for the fastest one.
      const m = MlpModel.fromJSON(json as MlpModelJSON);
      return { run: (X, n) => m.predict(X, n), dispose: () => m.dispose() };
    }
  }
}

/** Turns model outputs into values/probabilities/labels (shared with training). */
export function interpretOutputs(
  raw: Float64Array, n: number, task: ModelArtifact['task'], classes: (string | number)[] | null,
): { values: Float64Array; probabilities: Float64Array | null } {
  if (task === 'regression') return { values: raw, probabilities: null };
  const K = classes!.length;
  const probabilities = toClassProbs(raw, n, K);
  return { values: Float64Array.from(argmaxRows(probabilities, K)), probabilities };
}

export function loadModel(artifact: ModelArtifact): LoadedModel {
  if (artifact.format !== 'lathe-model' || artifact.version !== 1) throw new Error('not a lathe model artifact');
  const pipeline = Pipeline.fromJSON(artifact.pipeline);
  const model = familyModel(artifact.family, artifact.model);
  return {
    artifact,
    dispose: () => model.dispose(),
    predict(frame: Frame): Prediction {
      const m = pipeline.transform(frame);
      const { values, probabilities } = interpretOutputs(model.run(m.data, m.rows), m.rows, artifact.task, artifact.classes);
      const labels = artifact.classes ? Array.from(values, (v) => artifact.classes![v]) : null;
      let lower: Float64Array | null = null, upper: Float64Array | null = null;
      if (artifact.task === 'regression' && artifact.interval) {
        const h = artifact.interval.halfWidth;
        lower = values.map((v) => v - h);
        upper = values.map((v) => v + h);
      }
      return { values, probabilities, labels, lower, upper };
    },
  };
}
