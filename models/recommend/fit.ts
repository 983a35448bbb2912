/**
 * The engine's one entry point: fit any recommender by its id, or rebuild one from its artifact.
 * Async because the neural model trains on TF.js (loaded only when it is asked for); the others answer at once.
 */
import type { RecommendModelId } from '../../shared/families/recommend';
import { fitAls, loadAls } from './als';
import { fitContent, loadContent } from './content';
import { fitHybrid, loadHybrid } from './hybrid';
import { fitItemKnn, loadItemKnn } from './item-knn';
import { fitMf, loadMf } from './mf';
import { fitPopularity, loadPopularity } from './popularity';
import type { Interactions, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';

export async function fitRecommender(model: RecommendModelId, train: Interactions, opts: RecommendFitOptions = {}): Promise<Recommender> {
  switch (model) {
    case 'popularity':
      return fitPopularity(train, opts);
    case 'item-knn':
      return fitItemKnn(train, opts);
    case 'mf':
      return fitMf(train, opts);
    case 'als':
      return fitAls(train, opts);
    case 'content':
      return fitContent(train, opts);
    case 'ncf':
      return (await import('./ncf')).fitNcf(train, opts);
    case 'hybrid':
      return fitHybrid(train, opts, fitRecommender);
  }
}

export async function loadRecommender(artifact: RecommenderArtifact): Promise<Recommender> {
  if (artifact.version !== 1) throw new Error(`a ${artifact.model} recommender of format version ${String(artifact.version)} cannot be read by this version of Lathe`);
  switch (artifact.model) {
    case 'popularity':
      return loadPopularity(artifact);
    case 'item-knn':
      return loadItemKnn(artifact);
    case 'mf':
      return loadMf(artifact);
    case 'als':
      return loadAls(artifact);
    case 'content':
      return loadContent(artifact);
    case 'ncf':
      return (await import('./ncf')).loadNcf(artifact);
    case 'hybrid':
      return loadHybrid(artifact, loadRecommender);
    default:
      throw new Error(`unknown recommender '${String((artifact as { model: unknown }).model)}'`);
  }
}
