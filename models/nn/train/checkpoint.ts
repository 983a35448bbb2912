/**
 * A training checkpoint: everything a run needs to continue exactly where an epoch ended — the model's
 * weights, the optimizer's moments and step, the batch-order generator, early stopping's best-so-far and
 * the curves. Plain JSON (float32 arrays as little-endian base64, exact), so the caller can store it
 * anywhere; `fingerprint` refuses a resume under settings that would change the batches.
 */
import { decodeF32, encodeF32 } from '../../recommend/codec';

export interface EncodedArray {
  shape: number[];
  /** Float32 values, little-endian bytes in base64. */
  data: string;
}

export interface CheckpointFingerprint {
  seed: number;
  batchSize: number;
  trainRows: number;
  validRows: number;
  /** Shapes of the model's weights, in `model.getWeights()` order. */
  weightShapes: number[][];
}

export interface TrainCheckpoint {
  format: 'lathe-nn-checkpoint';
  version: 1;
  /** Epochs completed. */
  epoch: number;
  fingerprint: CheckpointFingerprint;
  /** `model.getWeights()` (trainable and not), in order. */
  weights: EncodedArray[];
  /** AdamW: step and moments, in `model.trainableWeights` order. */
  optimizer: { step: number; m: EncodedArray[]; v: EncodedArray[] };
  /** State of the generator that orders the batches, after this epoch's draw. */
  rng: number;
  /** Early stopping; `weights` null when the best epoch is this one (they are `weights` above). */
  best: { epoch: number; loss: number | null; sinceBest: number; weights: EncodedArray[] | null };
  curves: { train: number[]; valid: number[] };
}

export function encodeArray(values: Float32Array, shape: readonly number[]): EncodedArray {
  return { shape: [...shape], data: encodeF32(values) };
}

export function decodeArray(a: EncodedArray): Float32Array {
  const out = decodeF32(a.data);
  const size = a.shape.reduce((p, d) => p * d, 1);
  if (out.length !== size) throw new Error(`checkpoint array of shape [${a.shape}] holds ${out.length} values`);
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Throws, naming the difference, when a checkpoint was not made by a run with this fingerprint. */
export function checkResumable(c: TrainCheckpoint, f: CheckpointFingerprint): void {
  if (c?.format !== 'lathe-nn-checkpoint' || c.version !== 1) throw new Error('not a Lathe training checkpoint');
  const g = c.fingerprint;
  for (const key of ['seed', 'batchSize', 'trainRows', 'validRows'] as const) {
    if (g[key] !== f[key]) throw new Error(`the checkpoint was made with ${key} ${g[key]}, this run has ${f[key]}`);
  }
  if (g.weightShapes.length !== f.weightShapes.length || g.weightShapes.some((s, i) => !sameShape(s, f.weightShapes[i]))) {
    throw new Error('the checkpoint was made for a network of another shape');
  }
}

/** One network fit's share of its run's checkpoint: the state it goes on from, and where its epochs' states go. */
export interface FitCheckpointing {
  resumeFrom?: TrainCheckpoint;
  onCheckpoint: (checkpoint: TrainCheckpoint) => void | Promise<void>;
}

/**
 * The checkpoint of a run that trains several networks in a fixed order (a forecast's backtest origins,
 * then its final fit): each fit's last checkpoint. A finished fit's is taken after its last epoch, so
 * resuming from it trains nothing and ends with that fit's weights; the last one may be part-way.
 */
export interface RunCheckpoint {
  format: 'lathe-run-checkpoint';
  version: 1;
  /** The last fit's epoch, as a single network's checkpoint states it. */
  epoch: number;
  fits: TrainCheckpoint[];
}

/** Hands a run's fits, in order, their stored checkpoints, and saves the run's checkpoint after each epoch of any fit. */
export class FitSequence {
  private readonly fits: TrainCheckpoint[];
  private readonly stored: readonly TrainCheckpoint[];
  private count = 0;

  constructor(stored: RunCheckpoint | null, private readonly save: (checkpoint: RunCheckpoint) => void | Promise<void>) {
    if (stored && (stored.format !== 'lathe-run-checkpoint' || stored.version !== 1)) throw new Error('not a Lathe run checkpoint');
    this.fits = stored ? [...stored.fits] : [];
    this.stored = [...this.fits];
  }

  /** Epochs the stored fits completed between them (where a resumed run's curve goes on). */
  get storedEpochs(): number {
    return this.stored.reduce((n, c) => n + c.epoch, 0);
  }

  /** The next fit's share; a fit past those stored starts afresh. */
  next(): FitCheckpointing {
    const index = this.count++;
    return {
      resumeFrom: this.fits[index],
      onCheckpoint: (c) => {
        this.fits[index] = c;
        this.fits.length = index + 1;
        return this.save({ format: 'lathe-run-checkpoint', version: 1, epoch: c.epoch, fits: [...this.fits] });
      },
    };
  }
}
