/** Seeded synthetic interactions with a known low-rank structure, for the recommender tests. */
import { buildInteractions } from '../recommend/data';
import type { Interactions } from '../recommend/types';
import { gaussian, mulberry32 } from '../split/prng';

export interface LowRankOptions {
  users: number;
  items: number;
  rank: number;
  /** Interactions per user (distinct items). */
  perUser: number;
  seed: number;
  /** Standard deviation of the rating noise. */
  noise?: number;
}

function factors(n: number, rank: number, std: number, rand: () => number): Float64Array {
  const out = new Float64Array(n * rank);
  for (let i = 0; i < out.length; i++) out[i] = std * gaussian(rand);
  return out;
}

const dot = (a: Float64Array, ao: number, b: Float64Array, bo: number, rank: number) => {
  let s = 0;
  for (let c = 0; c < rank; c++) s += a[ao + c] * b[bo + c];
  return s;
};

/** `count` distinct indices of 0 … n − 1 with the largest keys. */
function topByKey(keys: Float64Array, count: number): number[] {
  return Array.from(keys.keys())
    .sort((a, b) => keys[b] - keys[a])
    .slice(0, count);
}

/**
 * Ratings 3 + b_u + b_i + p_u·q_i + noise on a 1–5 scale (clipped; the structure keeps clipping rare),
 * each user rating `perUser` items drawn uniformly. p·q has a standard deviation of 0.8.
 */
export function lowRankRatings(o: LowRankOptions): Interactions {
  const rand = mulberry32(o.seed);
  const std = Math.sqrt(0.8 / Math.sqrt(o.rank));
  const P = factors(o.users, o.rank, std, rand);
  const Q = factors(o.items, o.rank, std, rand);
  const bu = factors(o.users, 1, 0.3, rand);
  const bi = factors(o.items, 1, 0.5, rand);
  const user: string[] = [];
  const item: string[] = [];
  const rating: number[] = [];
  const keys = new Float64Array(o.items);
  for (let u = 0; u < o.users; u++) {
    for (let i = 0; i < o.items; i++) keys[i] = rand();
    for (const i of topByKey(keys, o.perUser)) {
      const r = 3 + bu[u] + bi[i] + dot(P, u * o.rank, Q, i * o.rank, o.rank) + (o.noise ?? 0.2) * gaussian(rand);
      user.push(`u${u}`);
      item.push(`i${i}`);
      rating.push(Math.min(5, Math.max(1, r)));
    }
  }
  return buildInteractions({ user: { name: 'user', values: user }, item: { name: 'item', values: item }, rating: { name: 'rating', values: rating } }).interactions;
}

/**
 * Implicit feedback: each user picks `perUser` items, the likelier the larger p_u·q_i (Gumbel top-k
 * over p·q / temperature, so p·q decides most picks), with a count of 1–3 per pick.
 */
export function lowRankImplicit(o: LowRankOptions & { temperature?: number }): Interactions {
  const rand = mulberry32(o.seed);
  const P = factors(o.users, o.rank, 1, rand);
  const Q = factors(o.items, o.rank, 1, rand);
  const temperature = o.temperature ?? 0.5;
  const user: string[] = [];
  const item: string[] = [];
  const count: number[] = [];
  const keys = new Float64Array(o.items);
  for (let u = 0; u < o.users; u++) {
    for (let i = 0; i < o.items; i++) keys[i] = dot(P, u * o.rank, Q, i * o.rank, o.rank) / temperature - Math.log(-Math.log(1 - rand()));
    for (const i of topByKey(keys, o.perUser)) {
      user.push(`u${u}`);
      item.push(`i${i}`);
      count.push(1 + Math.floor(rand() * 3));
    }
  }
  return buildInteractions({ user: { name: 'user', values: user }, item: { name: 'item', values: item }, count: { name: 'count', values: count } }).interactions;
}

/** Pearson correlation of two equally long lists (tests compare cold and fitted scores with it). */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
