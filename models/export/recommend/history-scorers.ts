/**
 * Scorers of the models that score a user from what they interacted with: item k-NN and content. Their
 * graphs take the user's history spread over the catalogue (the manifest's seen items with their values
 * or profile weights), so the same graph scores someone new from a few items. Both keep their tables
 * within a stated size and refuse larger ones, naming the parameter that shrinks them.
 */
import { decodeF32, decodeI32 } from '../../recommend/codec';
import type { RecommenderArtifact } from '../../recommend/types';
import { attr, tensorProto } from '../onnx/proto';
import { axes, type GraphInputs } from './inputs';
import { RecommendExportError } from './errors';

/** Most entries of item k-NN's padded neighbour table (items × the longest neighbour list). */
export const MAX_NEIGHBOUR_ENTRIES = 1 << 23;
/** Most entries of the content model's dense item matrix (items × features). */
export const MAX_CONTENT_ENTRIES = 1 << 24;

interface KnnState {
  nbStart: string;
  nbItem: string;
  nbSim: string;
}

/**
 * Item k-NN: score[i] = Σ_j history[j] · sim(j → i), as a scatter-add of each history item's neighbour
 * similarities (a padded [items, K] table; padding adds 0 to item 0).
 */
export function itemKnnScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const { g, items } = inputs;
  const s = a.state as KnnState;
  const start = decodeI32(s.nbStart), nb = decodeI32(s.nbItem), sim = decodeF32(s.nbSim);
  let K = 1;
  for (let i = 0; i < items; i++) K = Math.max(K, start[i + 1] - start[i]);
  if (items * K > MAX_NEIGHBOUR_ENTRIES) {
    throw new RecommendExportError(`This item k-NN model keeps up to ${K} neighbours for ${items.toLocaleString('en-US')} items (${(items * K).toLocaleString('en-US')} table entries; at most ${MAX_NEIGHBOUR_ENTRIES.toLocaleString('en-US')} export): train it with fewer neighbours`);
  }
  const idx = new Array<number>(items * K).fill(0);
  const val = new Float32Array(items * K);
  for (let i = 0; i < items; i++) for (let q = start[i]; q < start[i + 1]; q++) {
    idx[i * K + q - start[i]] = nb[q];
    val[i * K + q - start[i]] = sim[q];
  }
  const history = inputs.get('history');
  const updates = g.op('Mul', [g.op('Unsqueeze', [history, axes(g, 2)]), g.constant('float', [items, K], val, 'knn_similarity')]);
  const flat = g.op('Reshape', [updates, g.constant('int64', [2], [0, -1], 'shape')]);
  const index = g.op('Expand', [g.constant('int64', [1, items * K], idx, 'knn_neighbour'), g.op('Shape', [flat])]);
  const zeros = g.op('ConstantOfShape', [g.op('Shape', [history])], { value: attr.tensor(tensorProto('float', [1], [0])) });
  return g.op('ScatterElements', [zeros, index, flat], { axis: attr.int(1), reduction: attr.string('add') });
}

interface ContentState {
  features: string[];
  indptr: string;
  index: string;
  value: string;
  explicit: boolean;
  scale: [number, number] | null;
}

/**
 * Content: profile = unit(weights · items) ([N, features]), cosine = profile · itemsᵀ; on ratings the
 * cosine is mapped onto the user's scale: clamp(mean + cosine · (hi − lo) / 2). A user whose profile has
 * no direction scores 0 (their mean on ratings), as in the app.
 */
export function contentScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const { g, items } = inputs;
  const s = a.state as ContentState;
  const D = s.features.length;
  if (items * D > MAX_CONTENT_ENTRIES) {
    throw new RecommendExportError(`This content model has ${D.toLocaleString('en-US')} features for ${items.toLocaleString('en-US')} items (${(items * D).toLocaleString('en-US')} matrix entries; at most ${MAX_CONTENT_ENTRIES.toLocaleString('en-US')} export): train it with a smaller vocabulary (maxTerms)`);
  }
  const indptr = decodeI32(s.indptr), index = decodeI32(s.index), value = decodeF32(s.value);
  const M = new Float32Array(items * D);
  const MT = new Float32Array(items * D);
  for (let i = 0; i < items; i++) for (let q = indptr[i]; q < indptr[i + 1]; q++) {
    M[i * D + index[q]] = value[q];
    MT[index[q] * items + i] = value[q];
  }
  const profile = g.op('MatMul', [inputs.get('weights'), g.constant('float', [items, D], M, 'content_items')]);
  const norm = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [profile, profile]), axes(g, 1)], { keepdims: attr.int(1) })]);
  const zero = g.scalar('float', 0, 'zero');
  const unit = g.op('Where', [g.op('Greater', [norm, zero]), g.op('Div', [profile, norm]), zero]);
  const cos = g.op('MatMul', [unit, g.constant('float', [D, items], MT, 'content_items_t')]);
  if (!s.explicit || !s.scale) return cos;
  const [lo, hi] = s.scale;
  const mean = g.op('Unsqueeze', [inputs.get('userMean'), axes(g, 1)]);
  const rating = g.op('Add', [mean, g.op('Mul', [cos, g.scalar('float', (hi - lo) / 2, 'content_half_range')])]);
  return g.op('Clip', [rating, g.scalar('float', lo, 'content_lo'), g.scalar('float', hi, 'content_hi')]);
}
