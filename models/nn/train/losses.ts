/** Batch losses, each the mean over the batch, for `trainNetwork`. */
import { tf } from '../../mlp/backend';

/** `*CrossEntropy` take logits; `binaryCrossentropy` / `categoricalCrossentropy` take probabilities (sigmoid / softmax outputs). */
export type LossName = 'meanSquaredError' | 'meanAbsoluteError' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sigmoidCrossEntropy' | 'softmaxCrossEntropy';

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
  }
}
