/** Which attribution method and output space each model family gets. */
import type { ModelArtifact } from '../train/types';
import type { ExplainMethod, ExplainSpace } from './types';

export function explainMethodOf(artifact: ModelArtifact): { method: ExplainMethod; space: ExplainSpace } {
  const { family, task } = artifact;
  if (task === 'regression') {
    return { method: family === 'linear' ? 'linear' : family === 'mlp' ? 'sampling-shapley' : 'treeshap', space: 'value' };
  }
  switch (family) {
    case 'gbdt':
      return { method: 'treeshap', space: task === 'binary' ? 'log-odds' : 'logit' };
    case 'linear':
      return { method: 'linear', space: task === 'binary' ? 'log-odds' : 'logit' };
    // Forest classifiers average class frequencies and networks end in sigmoid/softmax.
    case 'forest':
      return { method: 'treeshap', space: 'probability' };
    case 'mlp':
      return { method: 'sampling-shapley', space: 'probability' };
  }
}

/** Outputs per row in an explanation: classes for multiclass, else 1. */
export function explainedOutputs(artifact: ModelArtifact): number {
  return artifact.task === 'multiclass' ? artifact.classes!.length : 1;
}
