/** The forecaster's network as a TF.js model, built from its spec; kept out of network.ts, which the exported runtime bundles. */
import type { tf } from '../../mlp/backend';
import { buildNetwork as buildSpecNetwork } from '../../nn/build';
import { lstmForecastNetwork } from '../../../shared/nn/families';
import { setWeights, type NetworkShape } from './network';

/** The TF.js model holding `weights` (the caller disposes it): the spec of shared/nn's lstm preset for this shape. */
export function buildNetwork(n: NetworkShape, weights: readonly Float32Array[]): tf.LayersModel {
  const net = buildSpecNetwork(lstmForecastNetwork(n), { zeros: true });
  setWeights(net, n, weights);
  return net;
}

