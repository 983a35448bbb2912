/**
 * Clipping by global norm, as tf.clip_by_global_norm: every gradient is scaled by
 * maxNorm / max(norm, maxNorm), where norm is the L2 norm of all gradients together, so the
 * update keeps its direction and its norm is at most maxNorm.
 */
import { tf } from '../../mlp/backend';

export function globalNorm(grads: readonly tf.Tensor[]): number {
  return tf.tidy(() => Math.sqrt(grads.reduce((sum, g) => sum + tf.sum(tf.square(g)).dataSync()[0], 0)));
}

/** New tensors (the caller disposes both sets), and the norm before clipping. */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { grads: tf.NamedTensorMap; norm: number } {
  if (!(maxNorm > 0)) throw new Error('maxNorm must be positive');
  const norm = globalNorm(Object.values(grads));
  const scale = maxNorm / Math.max(norm, maxNorm);
  const out: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) out[name] = scale === 1 ? g.clone() : tf.mul(g, scale);
  return { grads: out, norm };
}
