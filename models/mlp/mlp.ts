/**
 * Multilayer perceptron on TF.js: dense relu layers with dropout, Adam.
 * Regression targets are standardised internally (mean/std kept in the
 * model) so default learning rates work for any target scale.
 * Batches are shuffled with our seeded PRNG and weights initialised from the
 * seed; results can still differ slightly across backends.
 */
import { tf, selectBackend } from './backend';
import { mulberry32, shuffleInPlace, range } from '../split/prng';
import { MLP_DEFAULTS, type FamilyParams } from '../../shared/families/index';

export type MlpTask = 'regression' | 'binary' | 'multiclass';

/** Stated once, with ranges and help, in the family schema; the seed comes from the run. */
export type MlpParams = FamilyParams<'mlp'> & { seed: number };
export const DEFAULT_MLP_PARAMS: MlpParams = { ...MLP_DEFAULTS, seed: 0 };

export interface MlpModelJSON {
  format: 'lathe-mlp';
  version: 1;
  task: MlpTask;
  nFeatures: number;
  outputs: number;
  hidden: number[];
  dropout: number;
  yMean: number;
  yStd: number;
  weights: { shape: number[]; values: number[] }[];
}

function buildNetwork(nFeatures: number, outputs: number, task: MlpTask, p: Pick<MlpParams, 'hidden' | 'dropout' | 'l2' | 'seed'>): tf.Sequential {
  const model = tf.sequential();
  const reg = p.l2 > 0 ? tf.regularizers.l2({ l2: p.l2 }) : undefined;
  p.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({
      units, activation: 'relu', inputShape: i === 0 ? [nFeatures] : undefined,
      kernelInitializer: tf.initializers.heNormal({ seed: p.seed + i }), kernelRegularizer: reg,
    }));
    if (p.dropout > 0) model.add(tf.layers.dropout({ rate: p.dropout, seed: p.seed + 100 + i }));
  });
  model.add(tf.layers.dense({
    units: outputs,
    activation: task === 'regression' ? 'linear' : task === 'binary' ? 'sigmoid' : 'softmax',
    inputShape: p.hidden.length === 0 ? [nFeatures] : undefined,
    kernelInitializer: tf.initializers.glorotUniform({ seed: p.seed + 1000 }),
  }));
  return model;
}

export class MlpModel {
  constructor(
    readonly task: MlpTask,
    readonly nFeatures: number,
    readonly outputs: number,
    readonly hidden: number[],
    readonly dropout: number,
    readonly yMean: number,
    readonly yStd: number,
    readonly network: tf.Sequential,
  ) {}

  /** Regression values, P(class 1) for binary, n x K probabilities for multiclass. */
  predict(X: Float32Array, nRows: number): Float64Array {
    if (X.length !== nRows * this.nFeatures) throw new Error(`expected ${this.nFeatures} features per row`);
    const out = tf.tidy(() => (this.network.predict(tf.tensor2d(X, [nRows, this.nFeatures])) as tf.Tensor).dataSync());
    const res = Float64Array.from(out);
    if (this.task === 'regression') for (let i = 0; i < res.length; i++) res[i] = res[i] * this.yStd + this.yMean;
    return res;
  }

  toJSON(): MlpModelJSON {
    return {
      format: 'lathe-mlp', version: 1, task: this.task, nFeatures: this.nFeatures, outputs: this.outputs,
      hidden: this.hidden, dropout: this.dropout, yMean: this.yMean, yStd: this.yStd,
      weights: this.network.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })),
    };
  }

  static fromJSON(j: MlpModelJSON): MlpModel {
    if (j.format !== 'lathe-mlp') throw new Error('not a lathe mlp model');
    const net = buildNetwork(j.nFeatures, j.outputs, j.task, { hidden: j.hidden, dropout: j.dropout, l2: 0, seed: 0 });
    net.setWeights(j.weights.map((w) => tf.tensor(w.values, w.shape)));
    return new MlpModel(j.task, j.nFeatures, j.outputs, j.hidden, j.dropout, j.yMean, j.yStd, net);
  }

  dispose(): void {
    this.network.dispose();
  }
}

export interface MlpHooks {
  onEpoch?: (epoch: number, metrics: { train: number; valid?: number }) => void;
  shouldStop?: () => boolean;
  /** Optional validation data for the per-epoch curve (loss in the network's units). */
  valid?: { X: Float32Array; nRows: number; y: Float64Array };
}

export async function trainMlp(
  data: { X: Float32Array; nRows: number; nCols: number; y: Float64Array },
  task: MlpTask,
  numClasses: number,
  paramsIn: Partial<MlpParams> = {},
  hooks: MlpHooks = {},
): Promise<{ model: MlpModel; curves: { train: number[]; valid: number[] }; cancelled: boolean }> {
  await selectBackend();
  const p = { ...DEFAULT_MLP_PARAMS, ...paramsIn };
  const { X, nRows: n, nCols, y } = data;
  const outputs = task === 'multiclass' ? numClasses : 1;
  let yMean = 0, yStd = 1;
  if (task === 'regression') {
    for (let i = 0; i < n; i++) yMean += y[i];
    yMean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (y[i] - yMean) ** 2;
    yStd = Math.sqrt(v / n) || 1;
  }
  const targets = (yv: Float64Array): Float32Array => {
    const out = new Float32Array(yv.length * outputs);
    for (let i = 0; i < yv.length; i++) {
      if (task === 'multiclass') out[i * outputs + yv[i]] = 1;
      else out[i] = task === 'regression' ? (yv[i] - yMean) / yStd : yv[i];
    }
    return out;
  };
  const net = buildNetwork(nCols, outputs, task, p);
  const lossName = task === 'regression' ? 'meanSquaredError' : task === 'binary' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
  net.compile({ optimizer: tf.train.adam(p.learningRate), loss: lossName });
  const T = targets(y);
  const xs = tf.tensor2d(X, [n, nCols]);
  const ys = tf.tensor2d(T, [n, outputs]);
  const vx = hooks.valid ? tf.tensor2d(hooks.valid.X, [hooks.valid.nRows, nCols]) : null;
  const vy = hooks.valid ? tf.tensor2d(targets(hooks.valid.y), [hooks.valid.nRows, outputs]) : null;
  const rand = mulberry32(p.seed);
  const curves = { train: [] as number[], valid: [] as number[] };
  let cancelled = false;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      if (hooks.shouldStop?.()) {
        cancelled = true;
        break;
      }
      // Seeded shuffle, then one fit epoch over the ordered batches.
      const order = tf.tensor1d(Int32Array.from(shuffleInPlace(range(n), rand)), 'int32');
      const bx = tf.gather(xs, order), by = tf.gather(ys, order);
      const h = await net.fit(bx, by, { epochs: 1, batchSize: p.batchSize, shuffle: false, verbose: 0 });
      tf.dispose([order, bx, by]);
      const train = Number(h.history.loss[0]);
      curves.train.push(train);
      let valid: number | undefined;
      if (vx && vy) {
        valid = tf.tidy(() => (net.evaluate(vx, vy, { batchSize: 1024 }) as tf.Scalar).dataSync()[0]);
        curves.valid.push(valid);
      }
      hooks.onEpoch?.(epoch, valid === undefined ? { train } : { train, valid });
    }
  } finally {
    tf.dispose([xs, ys]);
    if (vx) tf.dispose([vx, vy!]);
  }
  return { model: new MlpModel(task, nCols, outputs, p.hidden, p.dropout, yMean, yStd, net), curves, cancelled };
}
