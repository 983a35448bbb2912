/**
 * Layers TF.js lacks, written on its layers API and registered for serialization so a model holding them
 * saves and loads: multi-head self-attention (scaled dot product, Vaswani et al.) and an embedding bag (the
 * mean of a text's token vectors, padding id 0 left out, as fastText's bag). Both take a seed for their
 * initial weights and attention dropout, so a seed fixes them.
 */
import { tf } from '../mlp/backend';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';

type Shape = (number | null)[];
const one = (t: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(t) ? t[0] : t);
const oneShape = (s: Shape | Shape[]): Shape => (Array.isArray(s[0]) ? (s[0] as Shape) : (s as Shape));

export interface AttentionArgs extends LayerArgs { heads: number; keyDim: number; dropout?: number; seed?: number }

/** Self-attention over [batch, steps, features] → the same shape: per head Q, K, V projections, softmax(QKᵀ/√k)V, one output projection. */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static readonly className = 'LatheMultiHeadSelfAttention';
  readonly heads: number;
  readonly keyDim: number;
  readonly rate: number;
  readonly seed: number;
  private w: LayerVariable[] = [];

  constructor(args: AttentionArgs) {
    super(args);
    this.heads = args.heads;
    this.keyDim = args.keyDim;
    this.rate = args.dropout ?? 0;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: Shape | Shape[]): void {
    const d = oneShape(inputShape).at(-1) as number;
    const hk = this.heads * this.keyDim;
    const kernel = (name: string, shape: number[], k: number) => this.addWeight(name, shape, 'float32', tf.initializers.glorotUniform({ seed: this.seed + k }));
    const bias = (name: string, n: number) => this.addWeight(name, [n], 'float32', tf.initializers.zeros());
    this.w = [
      kernel('query_kernel', [d, hk], 0), bias('query_bias', hk),
      kernel('key_kernel', [d, hk], 1), bias('key_bias', hk),
      kernel('value_kernel', [d, hk], 2), bias('value_bias', hk),
      kernel('output_kernel', [hk, d], 3), bias('output_bias', d),
    ];
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const [, steps, d] = x.shape;
      const h = this.heads, k = this.keyDim;
      const [wq, bq, wk, bk, wv, bv, wo, bo] = this.w.map((v) => v.read());
      const flat = x.reshape([-1, d]);
      // [batch·steps, d] → [batch, heads, steps, k]
      const project = (w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(flat, w), b).reshape([-1, steps, h, k]).transpose([0, 2, 1, 3]);
      const q = project(wq, bq), key = project(wk, bk), v = project(wv, bv);
      let weights = tf.softmax(tf.mul(tf.matMul(q, key, false, true), 1 / Math.sqrt(k)));
      if (kwargs?.training && this.rate > 0) weights = tf.dropout(weights, this.rate, undefined, this.seed + 4);
      const heads = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([-1, h * k]);
      return tf.add(tf.matMul(heads, wo), bo).reshape([-1, steps, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, keyDim: this.keyDim, dropout: this.rate, seed: this.seed };
  }
}

export interface EmbeddingBagArgs extends LayerArgs { inputDim: number; outputDim: number; seed?: number }

/** Token ids [batch, length] → the mean of their vectors [batch, outputDim]; id 0 is padding and not counted. */
export class EmbeddingBag extends tf.layers.Layer {
  static readonly className = 'LatheEmbeddingBag';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly seed: number;
  private table: LayerVariable | null = null;

  constructor(args: EmbeddingBagArgs) {
    super(args);
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.seed = args.seed ?? 0;
  }

  override build(): void {
    // The same range textnet starts its bag from.
    this.table = this.addWeight('embeddings', [this.inputDim, this.outputDim], 'float32', tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: this.seed }));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [oneShape(inputShape)[0], this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = one(inputs).toInt();
      const vectors = tf.gather(this.table!.read(), ids);
      const mask = tf.notEqual(ids, 0).toFloat().expandDims(-1);
      const counts = tf.maximum(mask.sum(1), 1);
      return tf.div(tf.mul(vectors, mask).sum(1), counts);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim, seed: this.seed };
  }
}

tf.serialization.registerClass(MultiHeadSelfAttention);
tf.serialization.registerClass(EmbeddingBag);
