/** TreeSHAP explanations of gbdt and forest artifacts. */
import type { Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { Pipeline } from '../pipeline/pipeline';
import { GbdtModel, GbdtModelJSON } from '../gbdt/model';
import { ForestModel, ForestModelJSON } from '../forest/forest';
import { featureSourceColumns } from './featureColumns';
import { treeEnsembleShap } from './treeEnsemble';
import { closeEfficiencyGap } from './efficiency';
import type { Explanation } from './types';
import { explainMethodOf } from './methodOf';

export function explainTrees(artifact: ModelArtifact, frame: Frame): Explanation {
  const pipeline = Pipeline.fromJSON(artifact.pipeline);
  const columns = artifact.features.slice();
  const C = columns.length;
  const featureColumn = featureSourceColumns(pipeline, columns);
  const m = pipeline.transform(frame);
  const { space } = explainMethodOf(artifact);
  if (artifact.family === 'gbdt') {
    const model = GbdtModel.fromJSON(artifact.model as GbdtModelJSON);
    const K = model.numOutputs;
    const { base, values } = treeEnsembleShap(model.trees, K, model.baseScore, 1, m.data, m.rows, m.cols, featureColumn, C);
    return { method: 'treeshap', space, columns, outputs: K, base, values, rows: m.rows };
  }
  const model = ForestModel.fromJSON(artifact.model as ForestModelJSON);
  const K = model.outputs;
  const estimators = model.trees.length / K;
  const { base, values } = treeEnsembleShap(model.trees, K, new Float64Array(K), 1 / estimators, m.data, m.rows, m.cols, featureColumn, C);
  if (K > 1) {
    renormalise(base, values, m.rows, K, C);
    // Rows whose class averages are all zero get 1 / K from the model; this also absorbs rounding.
    closeEfficiencyGap(values, base, model.predict(m.data, m.rows), m.rows, K, C);
  }
  return { method: 'treeshap', space, columns, outputs: K, base, values, rows: m.rows };
}

/**
 * Multiclass forests grow each class's trees independently, so a row's class averages a_k sum
 * to S, only roughly 1, and the model outputs p_k = a_k / S. With A_k = base[k], phi_kc the
 * exact TreeSHAP values of the averages, and the row and expected sums S = sum_k a_k and
 * E = sum_k A_k, the identity
 *   a_k / S - A_k / E = sum_c (phi_kc - (A_k / E) * sum_j phi_jc) / S
 * holds exactly. So base[k] becomes A_k / E (bases sum to 1) and phi_kc becomes the term in the
 * sum: efficiency is exact, each column's attributions sum to 0 over the classes, and when S is
 * 1 everywhere the values are plain TreeSHAP.
 */
function renormalise(base: Float64Array, values: Float64Array, rows: number, K: number, C: number): void {
  let E = 0;
  for (let k = 0; k < K; k++) E += base[k];
  if (!(E > 0)) return;
  for (let k = 0; k < K; k++) base[k] /= E;
  const perColumn = new Float64Array(C);
  for (let r = 0; r < rows; r++) {
    const o = r * K * C;
    let S = E;
    perColumn.fill(0);
    for (let k = 0; k < K; k++) {
      for (let c = 0; c < C; c++) {
        perColumn[c] += values[o + k * C + c];
        S += values[o + k * C + c];
      }
    }
    if (!(S > 0)) {
      values.fill(0, o, o + K * C);
      continue;
    }
    for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) values[o + k * C + c] = (values[o + k * C + c] - base[k] * perColumn[c]) / S;
  }
}
