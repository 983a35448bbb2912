/**
 * Scorers of the models that score a known user from their index: mf, als and popularity. The factor
 * models compute in double like the engine (float32 factors, double sums, one rounding to float32 at the
 * end), so the graph's scores are the app's to the last bit or nearly; the item matrices are stored as
 * float32 and cast once when onnxruntime folds the constant.
 */
import { decodeF32, decodeF64, decodeI32 } from '../../recommend/codec';
import { recommendParams } from '../../recommend/params';
import type { RecommenderArtifact } from '../../recommend/types';
import { attr } from '../onnx/proto';
import { axes, DOUBLE, FLOAT, gatherRows, type GraphInputs } from './inputs';

/** An n × k row-major matrix as k × n. */
export function transpose(m: Float32Array, n: number, k: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[c * n + i] = m[i * k + c];
  return out;
}

/** user vectors [users, k] · item vectors [items, k]ᵀ in double: [N, items]. */
function dotAll(inputs: GraphInputs, users: Float32Array, items: Float32Array, nUsers: number, what: string): string {
  const { g } = inputs;
  const nItems = inputs.items;
  const k = nUsers > 0 ? users.length / nUsers : 0;
  const U = g.constant('float', [nUsers, k], users, `${what}_user_factors`);
  const VT = g.constant('float', [k, nItems], transpose(items, nItems, k), `${what}_item_factors_t`);
  const u = g.op('Cast', [gatherRows(g, U, inputs.get('user'))], { to: attr.int(DOUBLE) });
  return g.op('MatMul', [u, g.op('Cast', [VT], { to: attr.int(DOUBLE) })]);
}

interface MfState {
  mu: number;
  scale: [number, number] | null;
  bu: string;
  bi: string;
  p: string;
  q: string;
  /** The ranking's interaction model (logistic MF), when trained with one. */
  interaction?: { dim: number; bias: string; p: string; q: string } | null;
}

/** mf.ts's floor of the rating's share of the scale inside the ranking's log. */
const SHARE_FLOOR = 0.01;

/**
 * mf: r̂ = μ + b_u + b_i + p_u·q_i, added in the engine's order. With an interaction model the ranking score
 * is ℓ + ratingWeight · log(clip((r̂ − lo) / (hi − lo), 0.01, 1)), ℓ = b'_i + p'_u·q'_i (ℓ alone without a
 * scale or weight), as mf.ts's scoreAll; all in double, rounded to float32 once.
 */
export function mfScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const { g } = inputs;
  const s = a.state as MfState;
  const dot = dotAll(inputs, decodeF32(s.p), decodeF32(s.q), a.users.length, 'mf');
  const bu = g.op('Unsqueeze', [gatherRows(g, g.constant('double', [a.users.length], decodeF64(s.bu), 'mf_user_bias'), inputs.get('user')), axes(g, 1)]);
  let t = g.op('Add', [g.scalar('double', s.mu, 'mf_mean'), bu]);
  t = g.op('Add', [t, g.constant('double', [a.items.length], decodeF64(s.bi), 'mf_item_bias')]);
  t = g.op('Add', [t, dot]);
  const it = s.interaction;
  if (it) {
    const logit = g.op('Add', [g.constant('double', [a.items.length], decodeF64(it.bias), 'mf_interaction_bias'), dotAll(inputs, decodeF32(it.p), decodeF32(it.q), a.users.length, 'mf_interaction')]);
    const weight = Number(recommendParams('mf', a.params).ratingWeight);
    if (!s.scale || weight === 0) t = logit;
    else {
      const [lo, hi] = s.scale;
      const share = g.op('Div', [g.op('Sub', [t, g.scalar('double', lo, 'mf_lo')]), g.scalar('double', hi - lo, 'mf_span')]);
      const clipped = g.op('Clip', [share, g.scalar('double', SHARE_FLOOR, 'mf_share_floor'), g.scalar('double', 1, 'one')]);
      t = g.op('Add', [logit, g.op('Mul', [g.scalar('double', weight, 'mf_rating_weight'), g.op('Log', [clipped])])]);
    }
  }
  return g.op('Cast', [t], { to: attr.int(FLOAT) });
}

/** als: x_u·y_i. */
export function alsScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const s = a.state as { X: string; Y: string };
  return inputs.g.op('Cast', [dotAll(inputs, decodeF32(s.X), decodeF32(s.Y), a.users.length, 'als')], { to: attr.int(FLOAT) });
}

interface PopularityState {
  global: string;
  segment: { scores: string; ofUser: string } | null;
}

/** Popularity: the row of the user's segment (the last row, everyone's shares, for users without one). */
export function popularityScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const { g } = inputs;
  const s = a.state as PopularityState;
  const global = decodeF32(s.global);
  const segScores = s.segment ? decodeF32(s.segment.scores) : new Float32Array(0);
  const nSeg = segScores.length / a.items.length;
  const table = new Float32Array(segScores.length + global.length);
  table.set(segScores);
  table.set(global, segScores.length);
  const ofUser = s.segment ? Array.from(decodeI32(s.segment.ofUser), (x) => (x < 0 ? nSeg : x)) : new Array<number>(a.users.length).fill(0);
  const row = gatherRows(g, g.constant('int64', [a.users.length], ofUser, 'popularity_segment_of_user'), inputs.get('user'));
  return gatherRows(g, g.constant('float', [nSeg + 1, a.items.length], table, 'popularity_rows'), row);
}
