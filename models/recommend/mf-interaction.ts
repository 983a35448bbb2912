/**
 * mf's interaction model: which items a user goes on to rate at all, learned beside the ratings so that
 * ranking does not favour well-rated items few people ever pick (ratings are missing not at random).
 * Logistic matrix factorization with sampled negatives (word2vec's negative sampling; Rendle et al. 2020
 * on tuned dot-product models): ℓ(u, i) = b_i + p_u·q_i with its own vectors; after each rating epoch the
 * same shuffled order is visited again and each observed pair (label 1) is followed by `negatives` items
 * drawn uniformly (label 0; a drawn item the user did rate is kept, as samplers do), each stepping, with
 * g = label − σ(ℓ),  b_i += lr (g − reg b_i),  p_u += lr (g q_i − reg p_u),  q_i += lr (g p_u − reg q_i).
 * With a fixed number of negatives per positive, e^ℓ estimates P(u rates i) up to one constant.
 * The ranking score adds the log of the predicted rating's share of the scale, a stand-in for the chance
 * that the user likes what they pick: score = ℓ + w·log(max(SHARE_FLOOR, (r̂ − lo)/(hi − lo))).
 * Without a rating scale (implicit data) the score is ℓ alone. Draws use their own seeded stream, so the
 * rating factors, and so the ratings predicted, are the same as without the interaction model.
 */
import { gaussian, mulberry32 } from '../split/prng';
import { decodeF32, decodeF64, encodeF32, encodeF64 } from './codec';
import { choleskySolve, dotAt, sgdPairStep } from './linalg';
import { logisticKernel, type LogisticKernel } from './mf-kernel';
import type { Interactions } from './types';

/** The smallest share of the scale a predicted rating counts as (log 0.01 ≈ −4.6 at most). */
const SHARE_FLOOR = 0.01;
/** Newton steps of a new user's fold-in; each is cheap (items × dim²) and the problem is convex. */
const FOLD_IN_STEPS = 12;
/** The stream of the interaction model's draws, apart from the rating model's. */
const STREAM = 0x5bd1e995;

export interface InteractionFactors {
  dim: number;
  bias: Float64Array;
  p: Float32Array;
  q: Float32Array;
}

/** As stored in the artifact (base64 little-endian, see codec.ts). */
export interface InteractionState {
  dim: number;
  bias: string;
  p: string;
  q: string;
}

export interface InteractionSettings {
  dim: number;
  negatives: number;
  learningRate: number;
  regularization: number;
}

/** An interaction counts as a positive when it is a rating or a positive implicit weight. */
export const isPositive = (explicit: boolean, value: number): boolean => explicit || value > 0;

export class InteractionTrainer {
  readonly f: InteractionFactors;
  private readonly rand: () => number;
  /** The WebAssembly kernel once the first epoch made it (null where it cannot run: the JavaScript steps). */
  private kernel: LogisticKernel | null | undefined;
  private readonly nItems: number;

  constructor(
    nUsers: number,
    nItems: number,
    private readonly s: InteractionSettings,
    seed: number,
    initStd: number,
    /** false: always the JavaScript steps (tests compare the two). */
    useKernel = true,
  ) {
    if (!useKernel) this.kernel = null;
    this.rand = mulberry32((seed ^ STREAM) >>> 0);
    this.nItems = nItems;
    const p = new Float32Array(nUsers * s.dim);
    const q = new Float32Array(nItems * s.dim);
    for (let i = 0; i < p.length; i++) p[i] = initStd * gaussian(this.rand);
    for (let i = 0; i < q.length; i++) q[i] = initStd * gaussian(this.rand);
    this.f = { dim: s.dim, bias: new Float64Array(nItems), p, q };
  }

  /** One pass over the training pairs in `order`; returns the mean log loss seen (before each step). */
  epoch(train: Interactions, order: Uint32Array): number {
    if (this.kernel === undefined) {
      let positives = 0;
      for (let r = 0; r < train.value.length; r++) if (isPositive(train.explicit, train.value[r])) positives++;
      this.kernel = logisticKernel(this.f, positives * (1 + this.s.negatives));
    }
    if (this.kernel) return this.kernelEpoch(this.kernel, train, order);
    let loss = 0;
    let steps = 0;
    for (let t = 0; t < order.length; t++) {
      const r = order[t];
      if (!isPositive(train.explicit, train.value[r])) continue;
      const u = train.user[r];
      loss += this.step(u, train.item[r], 1);
      for (let n = 0; n < this.s.negatives; n++) loss += this.step(u, Math.floor(this.rand() * this.nItems), 0);
      steps += 1 + this.s.negatives;
    }
    return steps ? loss / steps : 0;
  }

  /** The same pass in WebAssembly: the steps, with their draws in the same order, then one call. */
  private kernelEpoch(kernel: LogisticKernel, train: Interactions, order: Uint32Array): number {
    const { user, item, label } = kernel.steps;
    let m = 0;
    for (let t = 0; t < order.length; t++) {
      const r = order[t];
      if (!isPositive(train.explicit, train.value[r])) continue;
      const u = train.user[r];
      user[m] = u;
      item[m] = train.item[r];
      label[m++] = 1;
      for (let n = 0; n < this.s.negatives; n++) {
        user[m] = u;
        item[m] = Math.floor(this.rand() * this.nItems);
        label[m++] = 0;
      }
    }
    return m ? kernel.run(m, this.s.learningRate, this.s.regularization) / m : 0;
  }

  /** Brings the factors home from the WebAssembly kernel, when training ran there; call once after the last epoch. */
  finish(): void {
    this.kernel?.readBack(this.f);
  }

  /** One logistic SGD step, with the loops of mf.ts's sgdEpoch (linalg.ts). */
  private step(u: number, i: number, label: number): number {
    const { bias, p, q, dim: k } = this.f;
    const { learningRate: lr, regularization: reg } = this.s;
    const po = u * k;
    const qo = i * k;
    const sig = 1 / (1 + Math.exp(-(bias[i] + dotAt(p, po, q, qo, k))));
    const g = label - sig;
    bias[i] += lr * (g - reg * bias[i]);
    sgdPairStep(p, po, q, qo, k, 1 - lr * reg, lr * g);
    return -Math.log(label ? Math.max(sig, 1e-12) : Math.max(1 - sig, 1e-12));
  }
}

/** Zero vectors for users and items without a positive training interaction. */
export function zeroUnseen(f: InteractionFactors, train: Interactions, nUsers: number): void {
  const k = f.dim;
  const user = new Uint8Array(nUsers);
  const item = new Uint8Array(f.bias.length);
  for (let r = 0; r < train.user.length; r++)
    if (isPositive(train.explicit, train.value[r])) {
      user[train.user[r]] = 1;
      item[train.item[r]] = 1;
    }
  for (let u = 0; u < nUsers; u++) if (!user[u]) f.p.fill(0, u * k, (u + 1) * k);
  for (let i = 0; i < item.length; i++) if (!item[i]) f.q.fill(0, i * k, (i + 1) * k);
}

/** ℓ(u, i) for every item of a user vector `pu` (offset `po` into it). */
export function interactionLogits(f: InteractionFactors, pu: ArrayLike<number>, po: number, out: Float64Array): Float64Array {
  const { bias, q, dim: k } = f;
  for (let i = 0; i < bias.length; i++) {
    let x = bias[i];
    for (let c = 0; c < k; c++) x += pu[po + c] * q[i * k + c];
    out[i] = x;
  }
  return out;
}

/** The ranking score from the logits and the unclipped predicted ratings (see the header). */
export function rankScore(logit: number, rating: number, scale: [number, number] | null, weight: number): number {
  if (!scale || weight === 0) return logit;
  const share = (rating - scale[0]) / (scale[1] - scale[0]);
  return logit + weight * Math.log(Math.min(1, Math.max(SHARE_FLOOR, share)));
}

/**
 * A new user's interaction vector: the expected training objective with items fixed, solved by Newton —
 * every history item a positive once; every item a negative with weight negatives·n / items (what the
 * sampler draws per epoch); the L2 penalty reg·n·(1 + negatives), as the per-step decay adds up.
 */
export function foldInInteraction(f: InteractionFactors, positives: readonly number[], s: Pick<InteractionSettings, 'negatives' | 'regularization'>): Float64Array {
  const k = f.dim;
  const nItems = f.bias.length;
  const n = positives.length;
  const negWeight = (s.negatives * n) / nItems;
  const penalty = Math.max(s.regularization * n * (1 + s.negatives), 1e-9);
  const pu = new Float64Array(k);
  const logits = new Float64Array(nItems);
  for (let it = 0; it < FOLD_IN_STEPS; it++) {
    interactionLogits(f, pu, 0, logits);
    const H = new Float64Array(k * k);
    const g = new Float64Array(k);
    const add = (i: number, grad: number, curv: number) => {
      const qo = i * k;
      for (let a = 0; a < k; a++) {
        const qa = f.q[qo + a];
        g[a] += grad * qa;
        for (let c = 0; c <= a; c++) H[a * k + c] += curv * qa * f.q[qo + c];
      }
    };
    for (const i of positives) {
      const sig = 1 / (1 + Math.exp(-logits[i]));
      add(i, sig - 1, sig * (1 - sig));
    }
    for (let i = 0; i < nItems; i++) {
      const sig = 1 / (1 + Math.exp(-logits[i]));
      add(i, negWeight * sig, negWeight * sig * (1 - sig));
    }
    for (let a = 0; a < k; a++) {
      g[a] += penalty * pu[a];
      H[a * k + a] += penalty;
      for (let c = 0; c < a; c++) H[c * k + a] = H[a * k + c];
    }
    const delta = choleskySolve(H, g, k);
    let size = 0;
    for (let a = 0; a < k; a++) {
      pu[a] -= delta[a];
      size += delta[a] * delta[a];
    }
    if (size < 1e-14) break;
  }
  return pu;
}

export const encodeInteraction = (f: InteractionFactors): InteractionState => ({ dim: f.dim, bias: encodeF64(f.bias), p: encodeF32(f.p), q: encodeF32(f.q) });
export const decodeInteraction = (s: InteractionState): InteractionFactors => ({ dim: s.dim, bias: decodeF64(s.bias), p: decodeF32(s.p), q: decodeF32(s.q) });
