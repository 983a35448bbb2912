/**
 * A stored recommender (RecommenderArtifact) as one ONNX scorer: its inputs (a batch of users as indices
 * and/or their histories, the seen-item mask, k), `scores` over the whole catalogue and the masked top k.
 * Built from the artifact's JSON with the ONNX helpers every export uses, without loading the model.
 */
import type { RecommenderArtifact } from '../../recommend/types';
import { GraphBuilder } from '../onnx/proto';
import { RecommendExportError } from './errors';
import { alsScorer, mfScorer, popularityScorer } from './factor-scorers';
import { contentScorer, itemKnnScorer } from './history-scorers';
import { hybridScorer } from './hybrid-scorer';
import { finishScores, GraphInputs, RECOMMEND_OUTPUTS, type RecommendGraphInput, type RecommendGraphOutput } from './inputs';
import { ncfActivationsPerUser, ncfScorer } from './ncf-scorer';

/** Most floats a graph's widest activation may hold for one user (NeuMF: items × its widest layer). */
export const MAX_ACTIVATIONS_PER_USER = 1 << 24;

export interface RecommendOnnx {
  bytes: Uint8Array;
  inputs: RecommendGraphInput[];
  outputs: RecommendGraphOutput[];
}

function memberScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  switch (a.model) {
    case 'mf':
      return mfScorer(inputs, a);
    case 'als':
      return alsScorer(inputs, a);
    case 'popularity':
      return popularityScorer(inputs, a);
    case 'item-knn':
      return itemKnnScorer(inputs, a);
    case 'content':
      return contentScorer(inputs, a);
    case 'ncf': {
      const floats = ncfActivationsPerUser(a);
      if (floats > MAX_ACTIVATIONS_PER_USER) {
        throw new RecommendExportError(`This NeuMF model would hold ${floats.toLocaleString('en-US')} activations per user (items × widest layer; at most ${MAX_ACTIVATIONS_PER_USER.toLocaleString('en-US')} export): train it with narrower layers`);
      }
      return ncfScorer(inputs, a);
    }
    case 'hybrid':
      return hybridScorer(inputs, a, memberScorer);
    default:
      throw new RecommendExportError(`A '${String((a as { model: unknown }).model)}' recommender has no ONNX export`);
  }
}

export function exportRecommenderOnnx(artifact: RecommenderArtifact): RecommendOnnx {
  if (artifact.version !== 1) throw new RecommendExportError(`A ${artifact.model} recommender of format version ${String(artifact.version)} cannot be exported by this version of Lathe`);
  const g = new GraphBuilder();
  const inputs = new GraphInputs(g, artifact.items.length);
  finishScores(inputs, memberScorer(inputs, artifact));
  const bytes = g.encode(`lathe_recommend_${artifact.model.replace(/-/g, '_')}`, `Lathe ${artifact.model} recommender: scores over ${artifact.items.length} items`);
  return { bytes, inputs: inputs.list, outputs: RECOMMEND_OUTPUTS };
}
