/**
 * Neural collaborative filtering (NeuMF, He et al. 2017) as a Recommender. Ratings are learned by mean
 * squared error on the sigmoid output, the rating scaled to 0..1 by the training scale; implicit feedback
 * by binary cross-entropy against `negatives` sampled non-interacted items per positive, drawn afresh each
 * epoch. A small seeded share is held out to keep the best epoch's weights (ncf-train.ts). Training
 * needs a TF.js backend, so `fitNcf` and `loadNcf` are async; the model they give scores synchronously
 * and holds no tensors (nothing to dispose).
 */
import type { RecommendParams } from '../../shared/families/recommend';
import { noteTrainingDevice, selectBackend, tf, type BackendName } from '../mlp/backend';
import { decodeF32, encodeF32 } from './codec';
import { initialWeights, namedWeights, scorePair, scorePairs, scoreUser, weightsFromNamed, type NamedWeight, type NcfShape, type NcfWeights } from './ncf-net';
import { trainNcf, type NcfTrainResult } from './ncf-train';
import { recommendParams } from './params';
import type { Interactions, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';
import { ncfNetwork, ncfRunNetwork, ncfSizesOf } from '../../shared/nn/families';
import type { NetworkSpec } from '../../shared/nn/spec';
import type { NcfCheckpoint } from './ncf-checkpoint';

export type NcfParams = RecommendParams<'ncf'>;
export type { NamedWeight } from './ncf-net';

export interface NcfFitOptions extends RecommendFitOptions {
  /** Restrict the TF.js backends tried (e.g. ['cpu'] for bit-identical reruns); default: the fastest that works. */
  backends?: BackendName[];
  /** Goes on from the checkpoint of an earlier, stopped fit with the same data, parameters and seed. */
  resumeFrom?: NcfCheckpoint;
  /** The training state after each whole epoch, to resume from. */
  onCheckpoint?: (checkpoint: NcfCheckpoint) => void;
}

interface NcfState {
  shape: NcfShape;
  /** Explicit: ratings on this scale (the output is lo + p·(hi − lo)); null: implicit preference in 0..1. */
  scale: [number, number] | null;
  seed: number;
  training: NcfTrainResult;
  /** Little-endian float32 in base64, in `namedWeights` order. */
  weights: { name: string; shape: number[]; data: string }[];
  /** The network as a shared/nn spec (pair input of its users and items); absent in models saved before, whose shape is the preset's. */
  spec?: NetworkSpec;
}

const logit = (p: number): number => Math.log(p / (1 - p));

export class NcfRecommender implements Recommender {
  readonly model = 'ncf' as const;

  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    readonly params: NcfParams,
    private readonly state: Omit<NcfState, 'weights'>,
    private readonly w: NcfWeights,
  ) {}

  private toOutput(p: number): number {
    const sc = this.state.scale;
    return sc ? sc[0] + p * (sc[1] - sc[0]) : p;
  }

  private checkUser(user: number): void {
    if (!Number.isInteger(user) || user < 0 || user >= this.users.length) throw new RangeError(`user index ${user} is outside 0..${this.users.length - 1}`);
  }

  /** The predicted rating (explicit) or the probability of an interaction (implicit). */
  predict(user: number, item: number): number {
    this.checkUser(user);
    if (!Number.isInteger(item) || item < 0 || item >= this.items.length) throw new RangeError(`item index ${item} is outside 0..${this.items.length - 1}`);
    return this.toOutput(scorePair(this.state.shape, this.w, user, item));
  }

  /** Every item's score, in one TF.js pass per 65,536 items (a backend is active: fitNcf or loadNcf chose it). */
  scoreAll(user: number, out?: Float32Array): Float32Array {
    this.checkUser(user);
    const res = out && out.length === this.items.length ? out : new Float32Array(this.items.length);
    scoreUser(this.state.shape, this.w, user, res);
    if (this.state.scale) for (let i = 0; i < res.length; i++) res[i] = this.toOutput(res[i]);
    return res;
  }

  /** The GMF tower's item embeddings: the dot-product part of the model, comparable across items. */
  itemVectors(): { dim: number; data: Float32Array } {
    return { dim: this.state.shape.factors, data: this.w.itemGmf };
  }

  /** On ratings the output is a rating on the training scale; on implicit data, a probability of interaction. */
  get predictsRatings(): boolean {
    return this.state.scale !== null;
  }

  /** Many pairs at once, batched through TF.js (a rating or a probability, as `predict`). */
  predictPairs(users: Int32Array, items: Int32Array): Float32Array {
    const out = scorePairs(this.state.shape, this.w, users, items);
    if (this.state.scale) for (let i = 0; i < out.length; i++) out[i] = this.toOutput(out[i]);
    return out;
  }

  /** How training ended: epochs run, the epoch whose weights were kept and why it stopped. */
  get training(): NcfTrainResult & { seed: number } {
    return { ...this.state.training, seed: this.state.seed };
  }

  /** The weights as named float32 arrays with shapes, in graph order (see `namedWeights` for the graph). */
  weights(): NamedWeight[] {
    return namedWeights(this.state.shape, this.w);
  }

  /** The network as a shared/nn spec: the stored one, or (models saved before specs) the ncf preset of its shape. */
  get network(): NetworkSpec {
    const s = this.state.shape;
    return this.state.spec ?? ncfNetwork({ users: s.users, items: s.items, factors: s.factors, layers: s.layers, mlpDim: s.mlpDim });
  }

  /** Explicit models: the rating scale the sigmoid output is stretched to; null for implicit ones. */
  get scale(): [number, number] | null {
    return this.state.scale;
  }

  toJSON(): RecommenderArtifact {
    const weights = this.weights().map((n) => ({ name: n.name, shape: n.shape, data: encodeF32(n.data) }));
    const state: NcfState = { ...this.state, weights };
    return { model: 'ncf', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params }, state };
  }
}

/** Why the WebAssembly kernel does not train NCF (the run page reads it after "the network has"). */
export const NCF_KERNEL_SKIPPED = 'two id inputs (users and items)';

/** Async: trains on the chosen TF.js backend. */
export async function fitNcf(train: Interactions, opts: NcfFitOptions = {}): Promise<NcfRecommender> {
  const p = recommendParams('ncf', opts.params);
  const seed = opts.seed ?? 0;
  const n = train.user.length;
  if (n === 0) throw new Error('ncf needs at least one interaction to train on');
  await selectBackend(opts.backends);
  // Two id inputs with lazily updated embedding rows: the dense WebAssembly kernel takes one input, so TF.js trains it.
  noteTrainingDevice(tf.getBackend(), NCF_KERNEL_SKIPPED);
  // The network is a spec (the preset of factors and layers, or the run's `arch`); its sizes shape the weights this engine trains.
  const spec = ncfRunNetwork(p, { users: train.users.length, items: train.items.length });
  const sizes = ncfSizesOf(spec);
  if (!sizes.ok) throw new Error(`Invalid ncf architecture: ${sizes.problems.map((q) => q.message).join('; ')}`);
  const shape: NcfShape = { users: train.users.length, items: train.items.length, ...sizes.sizes };
  let scale: [number, number] | null = null;
  const target = new Float32Array(n);
  if (train.explicit) {
    let lo = train.scale?.[0] ?? Infinity, hi = train.scale?.[1] ?? -Infinity;
    if (!train.scale) for (const v of train.value) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    scale = [lo, hi];
    const span = hi - lo || 1;
    for (let r = 0; r < n; r++) target[r] = Math.min(1, Math.max(0, (train.value[r] - lo) / span));
  } else target.fill(1);
  // Start the output at the training targets' mean, so the first epochs learn structure rather than the offset.
  const mean = train.explicit ? target.reduce((a, b) => a + b, 0) / n : 1 / (1 + p.negatives);
  const w = initialWeights(shape, seed, logit(Math.min(0.99, Math.max(0.01, mean))));
  const training = trainNcf(shape, w, { user: train.user, item: train.item, target, regression: train.explicit, range: scale ? scale[1] - scale[0] : 1 }, {
    epochs: p.epochs, learningRate: p.learningRate, batchSize: p.batchSize, negatives: p.negatives, seed,
    onProgress: opts.onProgress, onMetrics: opts.onMetrics, shouldStop: opts.shouldStop,
    resumeFrom: opts.resumeFrom, onCheckpoint: opts.onCheckpoint,
  });
  return new NcfRecommender(train.users, train.items, p, { shape, scale, seed, training, spec }, w);
}

/**
 * What an exporter needs from a stored model, without TF.js: the named weights in graph order (see
 * `namedWeights` in ncf-net.ts for the graph), the shape, and the rating scale (null: implicit).
 */
export function ncfExportWeights(artifact: RecommenderArtifact): { shape: NcfShape; scale: [number, number] | null; weights: NamedWeight[] } {
  if (artifact.model !== 'ncf' || artifact.version !== 1) throw new Error(`not an ncf model (${artifact.model} v${artifact.version})`);
  const s = artifact.state as NcfState;
  if (s.shape.users !== artifact.users.length || s.shape.items !== artifact.items.length) throw new Error('ncf artifact: the weights do not match its user and item lists');
  const named = s.weights.map((x) => ({ name: x.name, shape: x.shape, data: decodeF32(x.data) }));
  // Checks every name and length against the shape.
  weightsFromNamed(s.shape, named);
  return { shape: s.shape, scale: s.scale, weights: named };
}

/** Async: makes sure a TF.js backend is active for `scoreAll`. */
export async function loadNcf(artifact: RecommenderArtifact, backends?: BackendName[]): Promise<NcfRecommender> {
  const { shape, weights } = ncfExportWeights(artifact);
  await selectBackend(backends);
  const { weights: _, ...rest } = artifact.state as NcfState;
  return new NcfRecommender(artifact.users, artifact.items, recommendParams('ncf', artifact.params), rest, weightsFromNamed(shape, weights));
}
