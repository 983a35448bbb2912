/**
 * Exact attributions of linear models in margin space: column c gets
 * sum over its encoded features j of w[k][j] * (x_j - mean_j), with means taken over the
 * background rows; base[k] is the margin at those means. The pipeline's standardisation,
 * imputation, one-hot slots and missing indicators are all part of x_j, so attributions are
 * in the units of the margin whatever the encoding.
 */
import type { Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { Pipeline } from '../pipeline/pipeline';
import { LinearModel, LinearModelJSON } from '../linear/linear';
import { featureSourceColumns } from './featureColumns';
import { explainMethodOf } from './methodOf';
import type { Explanation } from './types';

export function explainLinear(artifact: ModelArtifact, frame: Frame, background: Frame): Explanation {
  const pipeline = Pipeline.fromJSON(artifact.pipeline);
  const model = LinearModel.fromJSON(artifact.model as LinearModelJSON);
  const columns = artifact.features.slice();
  const C = columns.length;
  const featureColumn = featureSourceColumns(pipeline, columns);
  const p = model.nFeatures, K = model.outputs;
  const bg = pipeline.transform(background);
  if (bg.rows === 0) throw new Error('explain: the background frame has no rows');
  const mean = new Float64Array(p);
  for (let r = 0; r < bg.rows; r++) for (let j = 0; j < p; j++) mean[j] += bg.data[r * p + j];
  for (let j = 0; j < p; j++) mean[j] /= bg.rows;
  const base = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    base[k] = model.intercept[k];
    for (let j = 0; j < p; j++) base[k] += model.weights[k * p + j] * mean[j];
  }
  const m = pipeline.transform(frame);
  const values = new Float64Array(m.rows * K * C);
  for (let r = 0; r < m.rows; r++) {
    for (let k = 0; k < K; k++) {
      const o = (r * K + k) * C;
      for (let j = 0; j < p; j++) values[o + featureColumn[j]] += model.weights[k * p + j] * (m.data[r * p + j] - mean[j]);
    }
  }
  return { method: 'linear', space: explainMethodOf(artifact).space, columns, outputs: K, base, values, rows: m.rows };
}
