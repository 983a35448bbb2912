import { describe, expect, it } from 'vitest';
import { selectBackend, tf } from './backend';
import { scatterAdd } from './segment-sum';

describe('UnsortedSegmentSum as one scatter-add', () => {
  it('adds rows into their segments and drops ids outside the range', () => {
    expect(Array.from(scatterAdd([1, 2, 3, 4, 5, 6, 7, 8], [0, 2, 0, 5], 3, 2))).toEqual([6, 8, 0, 0, 3, 4]);
  });

  it.each(['cpu', 'wasm'] as const)('gives an embedding lookup the gradient of a one-hot product on %s', async (backend) => {
    await selectBackend([backend]);
    const table = tf.variable(tf.randomUniform([50, 3], -1, 1, 'float32', 4));
    const ids = tf.tensor2d([[1, 7, 7, 0], [49, 3, 1, 1]], [2, 4], 'int32');
    const weights = tf.randomUniform([2, 4, 3], -1, 1, 'float32', 5);
    const viaGather = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights)))(table);
    const viaOneHot = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.matMul(tf.oneHot(ids.flatten(), 50), t).reshape([2, 4, 3]), weights)))(table);
    const a = viaGather.dataSync(), b = viaOneHot.dataSync();
    expect(a.length).toBe(150);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    expect(Array.from(a).some((v) => v !== 0)).toBe(true);
  });
});
