/**
 * Per-row, per-column attributions and partial dependence for trained artifacts.
 * gbdt / forest: exact path-dependent TreeSHAP; linear: exact coefficient x (value - mean);
 * mlp: permutation-sampling Shapley values against a background sample.
 */
import type { Frame } from '../frame/frame';
import type { ModelArtifact } from '../train/types';
import { explainMethodOf } from './methodOf';
import { explainTrees } from './explainTrees';
import { explainLinear } from './explainLinear';
import { samplingShapley } from './samplingShapley';
import type { Explanation } from './types';

export type { ExplainMethod, ExplainSpace, Explanation, PartialDependence } from './types';
export { explainMethodOf } from './methodOf';
export { partialDependence } from './partialDependence';

export interface ExplainOptions {
  /**
   * Reference rows: linear models take feature means over them (default: the explained frame
   * itself, as training rows are not in the artifact); mlp draws up to 100 of them (required).
   * Trees use their stored covers instead.
   */
  background?: Frame;
  /** Permutations per row for sampling Shapley (default 64). */
  samples?: number;
  /** Seed for the background draw and permutations (default 0). */
  seed?: number;
}

export function explain(artifact: ModelArtifact, frame: Frame, opts: ExplainOptions = {}): Explanation {
  switch (explainMethodOf(artifact).method) {
    case 'treeshap':
      return explainTrees(artifact, frame);
    case 'linear':
      return explainLinear(artifact, frame, opts.background ?? frame);
    case 'sampling-shapley':
      if (!opts.background) throw new Error('explain: mlp models need opts.background (reference rows, e.g. a sample of the training data)');
      return samplingShapley(artifact, frame, opts.background, { samples: opts.samples, seed: opts.seed });
  }
}
