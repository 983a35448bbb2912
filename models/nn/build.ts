/**
 * Builds a TF.js functional model from a network spec (shared/nn). The spec is checked first (the same
 * summary an editor shows), so a model is only built from a spec whose shapes work; its parameter count
 * is the summary's. Every weighted layer takes the next seed from `seed`, so a seed fixes the initial
 * weights (and dropout masks) on a backend.
 */
import { tf } from '../mlp/backend';
import { checkNetwork, inputShape, type Activation, type Layer, type NetworkInput, type NetworkSpec } from '../../shared/nn/index';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';
import { EmbeddingBag, MultiHeadSelfAttention } from './custom-layers';
import { PairEmbedding } from './pair-embedding';

export { EmbeddingBag, MultiHeadSelfAttention } from './custom-layers';
export { PairEmbedding } from './pair-embedding';

export interface BuildOptions {
  seed?: number;
  name?: string;
  /** An L2 penalty on the kernels of dense and convolution layers (not the output head), added to the training loss. */
  l2?: number;
  /** Start every weight at zero: for a caller that sets the weights itself (and so skips the orthogonal initialiser's cost). */
  zeros?: boolean;
}

type Sym = tf.SymbolicTensor;

/** ReLU-like units start from He's normal, the rest from Glorot's uniform (Keras's default). */
const RELU_LIKE = new Set<Activation>(['relu', 'elu', 'selu', 'gelu', 'swish']);

class Builder {
  private next: number;
  private readonly l2: number;
  private readonly zeros: boolean;
  constructor(private readonly input: NetworkInput, seed: number, l2 = 0, zeros = false) {
    this.next = seed;
    this.l2 = l2;
    this.zeros = zeros;
  }

  private regularizer() {
    return this.l2 > 0 ? tf.regularizers.l2({ l2: this.l2 }) : undefined;
  }

  /** The first of `n` consecutive seeds of its own (attention takes five: four projections and its dropout). */
  private seed(n = 1): number {
    const s = this.next;
    this.next += n;
    return s;
  }

  private kernel(activation: string): Initializer {
    const seed = this.seed();
    if (this.zeros) return tf.initializers.zeros();
    return RELU_LIKE.has(activation as Activation) ? tf.initializers.heNormal({ seed }) : tf.initializers.glorotUniform({ seed });
  }

  apply(layers: readonly Layer[], x: Sym): Sym {
    return layers.reduce((h, layer) => this.layer(layer, h), x);
  }

  private run(layer: tf.layers.Layer, x: Sym | Sym[]): Sym {
    return layer.apply(x) as Sym;
  }

  private layer(l: Layer, x: Sym): Sym {
    switch (l.type) {
      case 'dense':
        return this.run(tf.layers.dense({ units: l.units, activation: l.activation, useBias: l.useBias, kernelInitializer: this.kernel(l.activation), kernelRegularizer: this.regularizer() }), x);
      case 'output':
        return this.run(tf.layers.dense({ units: l.units, activation: l.activation, kernelInitializer: this.zeros ? tf.initializers.zeros() : tf.initializers.glorotUniform({ seed: this.seed() }) }), x);
      case 'dropout':
        return this.run(tf.layers.dropout({ rate: l.rate, seed: this.seed() }), x);
      case 'batchNorm':
        return this.run(tf.layers.batchNormalization({}), x);
      case 'layerNorm':
        return this.run(tf.layers.layerNormalization({}), x);
      case 'embedding':
        return this.run(tf.layers.embedding({ inputDim: l.inputDim, outputDim: l.outputDim, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed() }) }), x);
      case 'embeddingBag':
        return this.run(new EmbeddingBag({ inputDim: l.inputDim, outputDim: l.outputDim, seed: this.seed() }), x);
      case 'globalAveragePooling1d':
        return this.run(tf.layers.globalAveragePooling1d({}), x);
      case 'flatten':
        return this.run(tf.layers.flatten({}), x);
      case 'conv1d':
        return this.run(tf.layers.conv1d({ filters: l.filters, kernelSize: l.kernelSize, strides: l.strides, padding: l.padding, activation: l.activation, kernelInitializer: this.kernel(l.activation), kernelRegularizer: this.regularizer() }), x);
      case 'lstm':
      case 'gru': {
        const args = {
          units: l.units, returnSequences: l.returnSequences,
          // The logistic gate (Keras's default); TF.js defaults to the hard sigmoid.
          recurrentActivation: 'sigmoid' as const,
          kernelInitializer: this.zeros ? tf.initializers.zeros() : tf.initializers.glorotUniform({ seed: this.seed() }),
          recurrentInitializer: this.zeros ? tf.initializers.zeros() : tf.initializers.orthogonal({ seed: this.seed() }),
        };
        return this.run(l.type === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args), x);
      }
      case 'multiHeadAttention':
        return this.run(new MultiHeadSelfAttention({ heads: l.heads, keyDim: l.keyDim, dropout: l.dropout, seed: this.seed(5) }), x);
      case 'transformerEncoder':
        return this.encoder(l, x);
      case 'residual':
        return this.residual(l.layers, x);
      case 'pairEmbedding': {
        // The summary checked that the input is a pair.
        const pair = this.input as Extract<NetworkInput, { kind: 'pair' }>;
        return this.run(new PairEmbedding({ users: pair.users, items: pair.items, outputDim: l.outputDim, combine: l.combine, seed: this.seed(2) }), x);
      }
      case 'branches':
        return this.run(tf.layers.concatenate({}), l.branches.map((b) => this.apply(b, x)));
    }
  }

  /** Post-norm encoder block: x + attention → norm → + feed-forward → norm. */
  private encoder(l: Extract<Layer, { type: 'transformerEncoder' }>, x: Sym): Sym {
    const d = x.shape[x.shape.length - 1] as number;
    let a = this.run(new MultiHeadSelfAttention({ heads: l.heads, keyDim: l.keyDim, seed: this.seed(5) }), x);
    a = this.run(tf.layers.dropout({ rate: l.dropout, seed: this.seed() }), a);
    const h = this.run(tf.layers.layerNormalization({}), this.run(tf.layers.add({}), [x, a]));
    let f = this.run(tf.layers.dense({ units: l.ffUnits, activation: 'relu', kernelInitializer: this.kernel('relu') }), h);
    f = this.run(tf.layers.dense({ units: d, kernelInitializer: this.kernel('linear') }), f);
    f = this.run(tf.layers.dropout({ rate: l.dropout, seed: this.seed() }), f);
    return this.run(tf.layers.layerNormalization({}), this.run(tf.layers.add({}), [h, f]));
  }

  /** The block's output plus its input, projected without bias when the last size differs (the summary checked the rest). */
  private residual(layers: readonly Layer[], x: Sym): Sym {
    const inner = this.apply(layers, x);
    const din = x.shape[x.shape.length - 1], dout = inner.shape[inner.shape.length - 1];
    const skip = din === dout ? x : this.run(tf.layers.dense({ units: dout as number, useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: this.seed() }) }), x);
    return this.run(tf.layers.add({}), [skip, inner]);
  }
}

/** The TF.js model of a spec (raw JSON is checked; an Error lists every problem). The caller disposes it. */
export function buildNetwork(raw: NetworkSpec | unknown, opts: BuildOptions = {}): tf.LayersModel {
  const spec = checkNetwork(raw);
  const ids = spec.input.kind === 'tokens' || spec.input.kind === 'pair';
  const input = tf.input({ shape: inputShape(spec.input).dims, dtype: ids ? 'int32' : 'float32' });
  const output = new Builder(spec.input, opts.seed ?? 0, opts.l2, opts.zeros).apply(spec.layers, input);
  return tf.model({ inputs: input, outputs: output, name: opts.name });
}

/** The loss that fits the spec's output head: cross-entropy for sigmoid and softmax, squared error otherwise. */
export function defaultLoss(spec: NetworkSpec): 'binaryCrossentropy' | 'categoricalCrossentropy' | 'meanSquaredError' {
  const head = spec.layers[spec.layers.length - 1];
  if (head.type !== 'output') return 'meanSquaredError';
  return head.activation === 'sigmoid' ? 'binaryCrossentropy' : head.activation === 'softmax' ? 'categoricalCrossentropy' : 'meanSquaredError';
}
