/**
 * NeuMF's training checkpoint: everything `trainNcf` needs to continue exactly where an epoch ended — the
 * weights and their Adam moments (in the trainer's order: the four embedding tables, then the dense
 * weights), Adam's step, the generator that shuffles the interactions and draws the negatives, the best
 * epoch so far with its weights, and the curves. Plain JSON (float32 as little-endian base64, exact).
 * The validation share and its fixed negatives are not stored: they are drawn again from the seed.
 */
import { decodeArray, type EncodedArray } from '../nn/train/checkpoint';
import { encodeF32 } from './codec';

export interface NcfCheckpointFingerprint {
  seed: number;
  batchSize: number;
  negatives: number;
  learningRate: number;
  /** Interactions trained on (before the validation share is held out), users and items. */
  rows: number;
  users: number;
  items: number;
  /** Length of every array in the trainer's order. */
  sizes: number[];
}

export interface NcfCheckpoint {
  format: 'lathe-ncf-checkpoint';
  version: 1;
  /** Epochs completed. */
  epoch: number;
  fingerprint: NcfCheckpointFingerprint;
  weights: EncodedArray[];
  adam: { step: number; m: EncodedArray[]; v: EncodedArray[] };
  /** The generator's state after this epoch's draws. */
  rng: number;
  /** The epoch whose weights are kept so far; `weights` null when there are none apart from the current ones. */
  best: { epoch: number; loss: number | null; weights: EncodedArray[] | null };
  /** Each completed epoch's metrics, as `onMetrics` reported them. */
  curves: Record<string, number>[];
}

export const encodeAll = (arrays: readonly Float32Array[]): EncodedArray[] => arrays.map((a) => ({ shape: [a.length], data: encodeF32(a) }));

/** Decodes into `into` (same lengths), naming the array whose length differs. */
export function decodeInto(encoded: readonly EncodedArray[], into: readonly Float32Array[], what: string): void {
  if (encoded.length !== into.length) throw new Error(`the checkpoint holds ${encoded.length} ${what} arrays, this network ${into.length}`);
  encoded.forEach((e, k) => {
    const values = decodeArray(e);
    if (values.length !== into[k].length) throw new Error(`the checkpoint's ${what} array ${k} holds ${values.length} values, this network's ${into[k].length}`);
    into[k].set(values);
  });
}

/** Throws, naming the difference, when a checkpoint was not made by a run with this fingerprint. */
export function checkNcfResumable(c: NcfCheckpoint, f: NcfCheckpointFingerprint): void {
  if (c?.format !== 'lathe-ncf-checkpoint' || c.version !== 1) throw new Error('not a Lathe ncf training checkpoint');
  const g = c.fingerprint;
  for (const key of ['seed', 'batchSize', 'negatives', 'learningRate', 'rows', 'users', 'items'] as const) {
    if (g[key] !== f[key]) throw new Error(`the checkpoint was made with ${key} ${g[key]}, this run has ${f[key]}`);
  }
  if (g.sizes.length !== f.sizes.length || g.sizes.some((n, i) => n !== f.sizes[i])) throw new Error('the checkpoint was made for a network of another shape');
}
