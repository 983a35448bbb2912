/**
 * Feeds of a recommender graph for a batch of known users, from the seen rows: what the serving examples
 * do in plain code, here for the parity check and the timings. Maps one-to-one onto onnxruntime tensors:
 * `new ort.Tensor(f.type, f.data, f.dims)`.
 */
import type { RecommendGraphInput } from './inputs';
import type { SeenRows } from './seen';

export interface RecommendFeed {
  type: 'int64' | 'float32';
  data: BigInt64Array | Float32Array;
  dims: number[];
}

/** Feeds for `users` (indices) asking for the top `k` of `nItems` items. */
export function recommendFeeds(inputs: readonly RecommendGraphInput[], seen: SeenRows, users: readonly number[], k: number, nItems: number): Record<string, RecommendFeed> {
  const n = users.length;
  const spread = (from: Float32Array | null, masked = false) => {
    const out = new Float32Array(n * nItems);
    users.forEach((u, r) => {
      for (let p = seen.indptr[u]; p < seen.indptr[u + 1]; p++) out[r * nItems + seen.items[p]] = masked ? -Infinity : from![p];
    });
    return out;
  };
  const feeds: Record<string, RecommendFeed> = {};
  for (const input of inputs) {
    switch (input.fill) {
      case 'user':
        feeds[input.name] = { type: 'int64', data: BigInt64Array.from(users, (u) => BigInt(u)), dims: [n] };
        break;
      case 'history':
        feeds[input.name] = { type: 'float32', data: spread(seen.values), dims: [n, nItems] };
        break;
      case 'weights':
        feeds[input.name] = { type: 'float32', data: spread(seen.weights), dims: [n, nItems] };
        break;
      case 'userMean':
        feeds[input.name] = { type: 'float32', data: Float32Array.from(users, (u) => seen.userMean![u]), dims: [n] };
        break;
      case 'mask':
        feeds[input.name] = { type: 'float32', data: spread(null, true), dims: [n, nItems] };
        break;
      case 'k':
        feeds[input.name] = { type: 'int64', data: BigInt64Array.of(BigInt(Math.min(k, nItems))), dims: [1] };
        break;
    }
  }
  return feeds;
}
