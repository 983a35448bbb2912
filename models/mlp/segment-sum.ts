/**
 * UnsortedSegmentSum — the gradient of a gather, i.e. of every embedding lookup — as one scatter-add pass.
 * The wasm backend has no such kernel (an embedding network fails there), and the cpu backend's builds a
 * mask per segment, which costs vocabulary × batch work per step (minutes per epoch for a 30,000-word
 * vocabulary). Registered for both by backend.ts; same sums, added in row order.
 */
import * as tf from '@tensorflow/tfjs';

type Values = Float32Array | Int32Array;
interface KernelBackendLike {
  readSync(dataId: object): unknown;
  makeTensorInfo?(shape: number[], dtype: string, values: Values): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: string, memoryOffset?: number, values?: Values): tf.TensorInfo;
}

/** out[ids[i]] += x[i] for rows of `inner` values; ids outside [0, numSegments) are dropped, as TF does. */
export function scatterAdd(x: ArrayLike<number>, ids: ArrayLike<number>, numSegments: number, inner: number): Float32Array {
  const out = new Float32Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const o = s * inner, r = i * inner;
    for (let j = 0; j < inner; j++) out[o + j] += x[r + j];
  }
  return out;
}

function unsortedSegmentSum({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }, backendName: string): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo, segmentIds = inputs.segmentIds as tf.TensorInfo;
  const numSegments = Number((attrs as { numSegments: number }).numSegments);
  const b = backend as KernelBackendLike;
  const inner = x.shape.slice(segmentIds.shape.length).reduce((p, d) => p * d, 1);
  const out = scatterAdd(b.readSync(x.dataId) as Float32Array, b.readSync(segmentIds.dataId) as Int32Array, numSegments, inner);
  const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  // The wasm backend writes an output into its heap; cpu's makeOutput has another signature.
  if (backendName === 'wasm') return b.makeOutput!(shape, 'float32', undefined, out);
  return b.makeTensorInfo!(shape, 'float32', out);
}

const kernels = new Map<string, tf.KernelFunc>();

/** Puts this kernel in place for `backendName` (once; later calls do nothing). */
export function registerSegmentSum(backendName: string): void {
  const existing = tf.getKernel('UnsortedSegmentSum', backendName);
  if (existing && existing.kernelFunc === kernels.get(backendName)) return;
  if (existing) tf.unregisterKernel('UnsortedSegmentSum', backendName);
  const kernelFunc = ((args: Parameters<typeof unsortedSegmentSum>[0]) => unsortedSegmentSum(args, backendName)) as unknown as tf.KernelFunc;
  kernels.set(backendName, kernelFunc);
  tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName, kernelFunc });
}
