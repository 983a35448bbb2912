import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { clipByGlobalNorm } from './clip';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

describe('clipByGlobalNorm', () => {
  it('scales a gradient of norm 10 to norm 1 and keeps its direction', () => {
    // (6, 0) and (0, 8) together have norm 10: clipped to 1 they are (0.6, 0) and (0, 0.8).
    const grads = { a: tf.tensor1d([6, 0]), b: tf.tensor2d([[0, 8]]) };
    const { grads: out, norm } = clipByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(10, 6);
    const a = Array.from(out.a.dataSync()), b = Array.from(out.b.dataSync());
    expect(a[0]).toBeCloseTo(0.6, 6);
    expect(a[1]).toBe(0);
    expect(b[0]).toBe(0);
    expect(b[1]).toBeCloseTo(0.8, 6);
    expect(Math.hypot(...a, ...b)).toBeCloseTo(1, 6);
    tf.dispose([...Object.values(grads), ...Object.values(out)]);
  });

  it('leaves a gradient under the limit as it is', () => {
    const grads = { a: tf.tensor1d([0.3, -0.4]) };
    const { grads: out, norm } = clipByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(0.5, 6);
    expect(Array.from(out.a.dataSync())).toEqual(Array.from(grads.a.dataSync()));
    tf.dispose([grads.a, out.a]);
  });
});
