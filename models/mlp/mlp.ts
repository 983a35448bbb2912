/**
 * The mlp family: a network from a spec (shared/nn; by default dense ReLU layers with dropout from the
 * family's sizes, see shared/nn/families.ts) trained by the shared loop (models/nn/train: AdamW, seeded
 * batches, a checkpoint per epoch to resume from). Regression targets are standardised internally
 * (mean/std kept in the model) so default learning rates work for any target scale. Results can differ
 * slightly across backends.
 */
import { tf, selectBackend } from './backend';
import { MLP_DEFAULTS, type FamilyParams } from '../../shared/families/index';
import { mlpNetwork, type NetworkSpec, type OutputActivation } from '../../shared/nn/index';
import { buildNetwork } from '../nn/build';
import { trainNetwork, type TrainCheckpoint } from '../nn/train/index';

export type MlpTask = 'regression' | 'binary' | 'multiclass';

/** Stated once, with ranges and help, in the family schema; the seed comes from the run. */
export type MlpParams = FamilyParams<'mlp'> & { seed: number };
export const DEFAULT_MLP_PARAMS: MlpParams = { ...MLP_DEFAULTS, seed: 0 };

export interface MlpModelJSON {
  format: 'lathe-mlp';
  /** 1: dense layers from `hidden` and `dropout` only; 2: `spec` holds the network as built. */
  version: 1 | 2;
  task: MlpTask;
  nFeatures: number;
  outputs: number;
  hidden: number[];
  dropout: number;
  yMean: number;
  yStd: number;
  spec?: NetworkSpec;
  weights: { shape: number[]; values: number[] }[];
}

const headActivation = (task: MlpTask): OutputActivation => (task === 'regression' ? 'linear' : task === 'binary' ? 'sigmoid' : 'softmax');

/** The network a stored model holds: its spec, or (version 1) the preset of its hidden layers and dropout. */
export function mlpSpecOf(j: Pick<MlpModelJSON, 'spec' | 'hidden' | 'dropout' | 'nFeatures' | 'outputs' | 'task'>): NetworkSpec {
  return j.spec ?? mlpNetwork({ hidden: j.hidden, dropout: j.dropout, arch: '' }, { features: j.nFeatures, outputs: j.outputs, activation: headActivation(j.task) });
}

/** The hidden widths when the network is dense ReLU layers (with dropout) and its head, else why not (for exports that only know that shape). */
export function denseReluStack(spec: NetworkSpec): number[] | string {
  const hidden: number[] = [];
  for (let i = 0; i < spec.layers.length; i++) {
    const l = spec.layers[i];
    if (l.type === 'dropout' || l.type === 'output') continue;
    if (l.type === 'dense' && l.activation === 'relu' && l.useBias) hidden.push(l.units);
    else return `layer ${i} (${l.type}${l.type === 'dense' ? `, ${l.activation}${l.useBias ? '' : ', no bias'}` : ''}) is not a dense ReLU layer`;
  }
  return hidden;
}

export class MlpModel {
  constructor(
    readonly task: MlpTask,
    readonly nFeatures: number,
    readonly outputs: number,
    readonly spec: NetworkSpec,
    readonly hidden: number[],
    readonly dropout: number,
    readonly yMean: number,
    readonly yStd: number,
    readonly network: tf.LayersModel,
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
      format: 'lathe-mlp', version: 2, task: this.task, nFeatures: this.nFeatures, outputs: this.outputs,
      hidden: this.hidden, dropout: this.dropout, yMean: this.yMean, yStd: this.yStd, spec: this.spec,
      weights: this.network.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })),
    };
  }

  static fromJSON(j: MlpModelJSON): MlpModel {
    if (j.format !== 'lathe-mlp') throw new Error('not a lathe mlp model');
    const spec = mlpSpecOf(j);
    const net = buildNetwork(spec);
    const values = j.weights.map((w) => tf.tensor(w.values, w.shape));
    net.setWeights(values);
    tf.dispose(values);
    return new MlpModel(j.task, j.nFeatures, j.outputs, spec, j.hidden, j.dropout, j.yMean, j.yStd, net);
  }

  dispose(): void {
    this.network.dispose();
  }
}

export interface MlpHooks {
  /** After each epoch (0-based), the epoch's mean training loss and, with `valid`, its loss. */
  onEpoch?: (epoch: number, metrics: { train: number; valid?: number }) => void;
  shouldStop?: () => boolean;
  /** Optional validation data for the per-epoch curve (loss in the network's units); it never picks weights. */
  valid?: { X: Float32Array; nRows: number; y: Float64Array };
  /** Continue from this network (same features, outputs and task): its weights and target scaling are kept. */
  init?: MlpModelJSON;
  /** After each epoch: the state a cancelled or crashed run continues from. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Continue an interrupted run of the same data, parameters and seed from its last checkpoint. */
  resumeFrom?: TrainCheckpoint;
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
  const init = hooks.init;
  if (init && (init.task !== task || init.nFeatures !== nCols || init.outputs !== outputs)) {
    throw new Error(`cannot continue a ${init.task} network of ${init.nFeatures} features and ${init.outputs} outputs as ${task} on ${nCols} and ${outputs}`);
  }
  let yMean = 0, yStd = 1;
  if (init) ({ yMean, yStd } = init);
  else if (task === 'regression') {
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
  // Continuing keeps the earlier network; the weights follow once built.
  const spec = init ? mlpSpecOf(init) : mlpNetwork(p, { features: nCols, outputs, activation: headActivation(task) });
  const net = buildNetwork(spec, { seed: p.seed, l2: p.l2 });
  if (init) {
    const values = init.weights.map((w) => tf.tensor(w.values, w.shape));
    net.setWeights(values);
    tf.dispose(values);
  }
  const valid = hooks.valid ? { x: hooks.valid.X, y: targets(hooks.valid.y), rows: hooks.valid.nRows } : undefined;
  const res = await trainNetwork(net, { xShape: [nCols], yShape: [outputs], train: { x: X, y: targets(y), rows: n }, valid }, {
    epochs: p.epochs, batchSize: p.batchSize, seed: p.seed, learningRate: p.learningRate,
    loss: task === 'regression' ? 'meanSquaredError' : task === 'binary' ? 'binaryCrossentropy' : 'categoricalCrossentropy',
    // Plain Adam's update (the L2 parameter is the family's penalty); the validation rows are the run's
    // test rows, which draw the curve but must never choose the weights.
    optimizer: { weightDecay: 0 }, restoreBest: false,
    onMetrics: (epoch, m) => hooks.onEpoch?.(epoch - 1, m.val_loss === undefined ? { train: m.loss } : { train: m.loss, valid: m.val_loss }),
    shouldStop: hooks.shouldStop,
    onCheckpoint: hooks.onCheckpoint,
    resumeFrom: hooks.resumeFrom,
  });
  const dense = denseReluStack(spec);
  const hidden = Array.isArray(dense) ? dense : [];
  const dropout = init?.dropout ?? (p.arch.trim() ? 0 : p.dropout);
  return { model: new MlpModel(task, nCols, outputs, spec, hidden, dropout, yMean, yStd, net), curves: res.curves, cancelled: res.stopped === 'cancelled' };
}
