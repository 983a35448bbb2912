/**
 * Turns Frame columns into feed arrays for an exported graph. The result maps
 * one-to-one onto onnxruntime tensors: `new ort.Tensor(f.type, f.data, f.dims)`.
 */
import { getColumn, numericValues, stringValues, type Frame } from '../../frame/frame';
import type { OnnxInput } from './preprocess';

export interface OnnxFeed {
  type: 'float32' | 'float64' | 'string';
  data: Float32Array | Float64Array | string[];
  dims: [number, 1];
}

/** Feeds for `rows` of `frame` (all rows when omitted). Missing categories become the input's missing marker. */
export function buildFeeds(inputs: OnnxInput[], frame: Frame, rows?: ArrayLike<number>): Record<string, OnnxFeed> {
  const index = rows ?? Array.from({ length: frame.rowCount }, (_, i) => i);
  const n = index.length;
  const feeds: Record<string, OnnxFeed> = {};
  for (const input of inputs) {
    const col = getColumn(frame, input.column);
    if (input.type === 'string') {
      const src = stringValues(col);
      const missing = input.missing ?? '';
      feeds[input.name] = { type: 'string', data: Array.from({ length: n }, (_, i) => src[index[i]] ?? missing), dims: [n, 1] };
    } else {
      const src = numericValues(col);
      const data = input.type === 'double' ? new Float64Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = src[index[i]];
      feeds[input.name] = { type: input.type === 'double' ? 'float64' : 'float32', data, dims: [n, 1] };
    }
  }
  return feeds;
}
