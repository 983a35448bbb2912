/** Batch losses, each the mean over the batch, for `trainNetwork`. */
import { tf } from '../../mlp/backend';

/**
 * `*CrossEntropy` take logits; `binaryCrossentropy` / `categoricalCrossentropy` take probabilities (sigmoid / softmax outputs).
 * `maskedMeanSquaredError` reads target rows of 2k values, the k targets then a 0/1 mask, and averages the
 * squared errors of the masked-in targets over the whole batch (a forecast window learns only the steps it may).
 */
export type LossName = 'meanSquaredError' | 'meanAbsoluteError' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sigmoidCrossEntropy' | 'softmaxCrossEntropy' | 'maskedMeanSquaredError';

/** A mean-reduced loss of a batch (so the epoch's loss is the row-weighted mean of its batches). */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

const MEAN = tf.Reduction.MEAN;

export function lossFunction(loss: LossName | LossFn): LossFn {
  if (typeof loss === 'function') return loss;
  switch (loss) {
    case 'meanSquaredError':
      return (y, p) => tf.losses.meanSquaredError(y, p, undefined, MEAN) as tf.Scalar;
    case 'meanAbsoluteError':
      return (y, p) => tf.losses.absoluteDifference(y, p, undefined, MEAN) as tf.Scalar;
    case 'binaryCrossentropy':
      return (y, p) => tf.mean(tf.metrics.binaryCrossentropy(y, p)) as tf.Scalar;
    case 'categoricalCrossentropy':
      return (y, p) => tf.mean(tf.metrics.categoricalCrossentropy(y, p)) as tf.Scalar;
    case 'sigmoidCrossEntropy':
      return (y, p) => tf.losses.sigmoidCrossEntropy(y, p, undefined, undefined, MEAN) as tf.Scalar;
    case 'softmaxCrossEntropy':
      return (y, p) => tf.losses.softmaxCrossEntropy(y, p, undefined, undefined, MEAN) as tf.Scalar;
    case 'maskedMeanSquaredError':
      return (y, p) => {
        const k = p.shape[1] as number;
        const target = tf.slice(y, [0, 0], [-1, k]), mask = tf.slice(y, [0, k], [-1, k]);
        return tf.div(tf.sum(tf.mul(tf.square(tf.sub(p, target)), mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
      };
  }
}
