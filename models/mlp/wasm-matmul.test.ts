import { describe, expect, it } from 'vitest';
import { selectBackend, tf } from './backend';

/** A product on cpu (the reference) and on wasm (through the wrapped kernels), as plain arrays. */
async function both(f: () => tf.Tensor): Promise<{ cpu: Float32Array; wasm: Float32Array; shape: number[]; leaked: number }> {
  await selectBackend(['cpu']);
  const cpu = tf.tidy(() => f().dataSync() as Float32Array);
  await selectBackend(['wasm']);
  const before = tf.memory().numTensors;
  const out = tf.tidy(f);
  const wasm = out.dataSync() as Float32Array, shape = out.shape;
  out.dispose();
  return { cpu, wasm, shape, leaked: tf.memory().numTensors - before };
}

const data = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * 2);

describe('wasm matrix products with a transposed operand', () => {
  it.each([
    ['aᵀ·b', [7, 5], [7, 3], true, false],
    ['a·bᵀ', [5, 7], [3, 7], false, true],
    ['aᵀ·bᵀ', [7, 5], [3, 7], true, true],
    ['batched aᵀ·b', [2, 7, 5], [2, 7, 3], true, false],
    ['batched a·bᵀ', [2, 5, 7], [2, 3, 7], false, true],
  ] as const)('%s equals the cpu backend, leaving no tensor behind', async (_n, sa, sb, ta, tb) => {
    const sizeA = sa.reduce((p, d) => p * d, 1), sizeB = sb.reduce((p, d) => p * d, 1);
    const r = await both(() => tf.matMul(tf.tensor(data(sizeA, 1), [...sa]), tf.tensor(data(sizeB, 2), [...sb]), ta, tb));
    expect(r.shape).toEqual(sa.length === 3 ? [2, 5, 3] : [5, 3]);
    r.wasm.forEach((v, i) => expect(v).toBeCloseTo(r.cpu[i], 4));
    expect(r.leaked).toBe(0);
  });

  it('fused with a bias and ReLU, and inside a gradient', async () => {
    const fused = await both(() => tf.fused.matMul({ a: tf.tensor(data(35, 3), [7, 5]), b: tf.tensor(data(21, 4), [3, 7]), transposeA: true, transposeB: true, bias: tf.tensor1d([0.5, -1, 2]), activation: 'relu' }));
    fused.wasm.forEach((v, i) => expect(v).toBeCloseTo(fused.cpu[i], 4));
    const grad = await both(() => tf.grad((w: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.tensor(data(24, 5), [6, 4]), w))))(tf.tensor(data(12, 6), [4, 3])));
    grad.wasm.forEach((v, i) => expect(v).toBeCloseTo(grad.cpu[i], 3));
  });
});
