/**
 * The layer a (user id, item id) input starts from: a learned vector per user and per item, gathered for
 * each pair and multiplied element-wise (NeuMF's GMF) or concatenated (its MLP tower's input). Initial
 * vectors are N(0, 0.01²), as the NeuMF paper starts them; registered so a model holding it saves and loads.
 */
import { tf } from '../mlp/backend';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';

type Shape = (number | null)[];

export interface PairEmbeddingArgs extends LayerArgs { users: number; items: number; outputDim: number; combine: 'product' | 'concat'; seed?: number }

/** Pairs [batch, 2] (user, item) → [batch, outputDim] (product) or [batch, 2·outputDim] (concat). Weights: users' table, then items'. */
export class PairEmbedding extends tf.layers.Layer {
  static readonly className = 'LathePairEmbedding';
  readonly users: number;
  readonly items: number;
  readonly outputDim: number;
  readonly combine: 'product' | 'concat';
  readonly seed: number;
  private tables: LayerVariable[] = [];

  constructor(args: PairEmbeddingArgs) {
    super(args);
    this.users = args.users;
    this.items = args.items;
    this.outputDim = args.outputDim;
    this.combine = args.combine;
    this.seed = args.seed ?? 0;
  }

  override build(): void {
    const init = (k: number) => tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed: this.seed + k });
    this.tables = [
      this.addWeight('user_embeddings', [this.users, this.outputDim], 'float32', init(0)),
      this.addWeight('item_embeddings', [this.items, this.outputDim], 'float32', init(1)),
    ];
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const batch = (Array.isArray(inputShape[0]) ? (inputShape[0] as Shape) : (inputShape as Shape))[0];
    return [batch, this.combine === 'product' ? this.outputDim : 2 * this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = (Array.isArray(inputs) ? inputs[0] : inputs).toInt();
      const [users, items] = tf.split(ids, 2, 1).map((c) => c.reshape([-1]));
      const u = tf.gather(this.tables[0].read(), users), i = tf.gather(this.tables[1].read(), items);
      return this.combine === 'product' ? tf.mul(u, i) : tf.concat([u, i], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), users: this.users, items: this.items, outputDim: this.outputDim, combine: this.combine, seed: this.seed };
  }
}

tf.serialization.registerClass(PairEmbedding);
