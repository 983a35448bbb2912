/**
 * The wasm backend's matrix products with a transposed operand (every backward pass of a dense or recurrent
 * layer: dy·Wᵀ and xᵀ·dy) run 10–15× slower than plain ones (256×64 by 64×256: 0.65 GFLOP/s against 9.7 on
 * XNNPACK's path). These kernels transpose the operand first with the backend's own Transpose and call its
 * own product untransposed: the same arithmetic on the fast path. Registered by backend.ts when wasm is chosen.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
type Fn = (args: KernelArgs) => tf.TensorInfo;

const wrapped = new Set<string>();

function untransposed(original: Fn, transpose: Fn): Fn {
  return (args) => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const made: tf.TensorInfo[] = [];
    const flip = (x: tf.TensorInfo): tf.TensorInfo => {
      const r = x.shape.length;
      const perm = [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2];
      const t = transpose({ inputs: { x }, backend: args.backend, attrs: { perm } });
      made.push(t);
      return t;
    };
    const inputs = { ...args.inputs };
    if (attrs.transposeA) inputs.a = flip(args.inputs.a as tf.TensorInfo);
    if (attrs.transposeB) inputs.b = flip(args.inputs.b as tf.TensorInfo);
    try {
      return original({ inputs, backend: args.backend, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of made) (args.backend as WasmBackendLike).disposeData(t.dataId);
    }
  };
}

/** Wraps BatchMatMul and _FusedMatMul of the wasm backend (once). */
export function registerUntransposedMatMul(): void {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return;
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(name, 'wasm');
    if (!original || wrapped.has(name)) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      kernelName: name, backendName: 'wasm', setupFunc: original.setupFunc,
      kernelFunc: untransposed(original.kernelFunc as unknown as Fn, transpose.kernelFunc as unknown as Fn) as unknown as tf.KernelFunc,
    });
    wrapped.add(name);
  }
}
