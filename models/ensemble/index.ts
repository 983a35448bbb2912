export { isEnsembleArtifact, EnsembleError } from './types';
export type { EnsembleArtifact, EnsembleMember, EnsembleMethod } from './types';
export { checkMembers } from './members';
export { combineOutputs, fitMeta, fitWeights, memberOutputs, predictEnsemble } from './combine';
export { exportEnsembleOnnx } from './onnx';
export { buildEnsemble } from './build';
