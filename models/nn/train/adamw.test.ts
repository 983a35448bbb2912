import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '../../mlp/backend';
import { AdamW } from './adamw';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** A 1×1 kernel (decayed) and a bias of 1 (not decayed), both starting at 1, given gradients 0.5 then −0.2. */
function twoSteps(opt: AdamW): { kernel: number; bias: number }[] {
  const kernel = tf.tidy(() => tf.variable(tf.tensor2d([[1]]), true, 'adamw_test_kernel'));
  const bias = tf.tidy(() => tf.variable(tf.tensor1d([1]), true, 'adamw_test_bias'));
  const out: { kernel: number; bias: number }[] = [];
  for (const g of [0.5, -0.2]) {
    const grads = { [kernel.name]: tf.tensor2d([[g]]), [bias.name]: tf.tensor1d([g]) };
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
    out.push({ kernel: kernel.dataSync()[0], bias: bias.dataSync()[0] });
  }
  tf.dispose([kernel, bias]);
  opt.dispose();
  return out;
}

describe('AdamW', () => {
  it('matches a two-step example worked by hand (lr 0.1, wd 0.1, betas 0.9 / 0.999, eps 1e-8)', () => {
    // Step 1, g = 0.5: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25, √v̂ = 0.5;
    //   update = 0.1·0.5/(0.5 + 1e-8) = 0.099999998.
    //   kernel: 1·(1 − 0.1·0.1) − 0.099999998 = 0.890000002;  bias (no decay): 1 − 0.099999998 = 0.900000002.
    // Step 2, g = −0.2: m = 0.045 − 0.02 = 0.025, v = 0.00024975 + 0.00004 = 0.00028975;
    //   m̂ = 0.025/0.19 = 0.131578947, v̂ = 0.00028975/0.001999 = 0.144947474, √v̂ = 0.380719679;
    //   update = 0.1·0.131578947/0.380719679 = 0.034560584.
    //   kernel: 0.890000002·0.99 − 0.034560584 = 0.846539418;  bias: 0.900000002 − 0.034560584 = 0.865439418.
    // (torch.optim.AdamW gives 0.8465395 and 0.8654395 in float32.)
    const [s1, s2] = twoSteps(new AdamW({ learningRate: 0.1, weightDecay: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }));
    expect(s1.kernel).toBeCloseTo(0.890000002, 6);
    expect(s1.bias).toBeCloseTo(0.900000002, 6);
    expect(s2.kernel).toBeCloseTo(0.846539418, 6);
    expect(s2.bias).toBeCloseTo(0.865439418, 6);
  });

  it('without weight decay takes the same steps as tf.train.adam', () => {
    const w = tf.variable(tf.tensor2d([[0.3, -1.2], [2, 0.7]]), true, 'adamw_vs_adam_a');
    const u = tf.variable(tf.tensor2d([[0.3, -1.2], [2, 0.7]]), true, 'adamw_vs_adam_b');
    const ours = new AdamW({ learningRate: 0.05, weightDecay: 0, epsilon: 1e-8 });
    const adam = tf.train.adam(0.05, 0.9, 0.999, 1e-8);
    const f = (v: tf.Variable) => () => tf.sum(tf.square(tf.sub(tf.mul(v, v), 1))) as tf.Scalar;
    for (let i = 0; i < 5; i++) {
      ours.minimize(f(w), false, [w]);
      adam.minimize(f(u), false, [u]);
    }
    const a = Array.from(w.dataSync()), b = Array.from(u.dataSync());
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 5));
    expect(ours.step).toBe(5);
    tf.dispose([w, u]);
    ours.dispose();
    adam.dispose();
  });

  it('continues bit for bit from a saved state on other variables of the same shapes', () => {
    const grads = [[0.5, -1], [0.25, 2], [-0.75, 0.1], [1.5, -0.5]];
    const variable = (name: string, start: number[]) => tf.tidy(() => tf.variable(tf.tensor2d([start]), true, name));
    const run = (v: tf.Variable, from: number, to: number, opt: AdamW) => {
      for (let i = from; i < to; i++) {
        const g = { [v.name]: tf.tensor2d([grads[i]]) };
        opt.applyGradients(g);
        tf.dispose(Object.values(g));
      }
    };
    const straight = new AdamW({ learningRate: 0.1, weightDecay: 0.2 });
    const a = variable('adamw_state_a', [1, -1]);
    run(a, 0, 4, straight);
    const first = new AdamW({ learningRate: 0.1, weightDecay: 0.2 });
    const b = variable('adamw_state_b', [1, -1]);
    run(b, 0, 2, first);
    const state = first.getState([b]);
    const second = new AdamW({ learningRate: 0.1, weightDecay: 0.2 });
    const c = variable('adamw_state_c', Array.from(b.dataSync()));
    second.setState([c], state);
    run(c, 2, 4, second);
    expect(Array.from(c.dataSync())).toEqual(Array.from(a.dataSync()));
    // Without the moments the same two steps land elsewhere.
    const d = variable('adamw_state_d', Array.from(b.dataSync()));
    const fresh = new AdamW({ learningRate: 0.1, weightDecay: 0.2 });
    fresh.setState([d], { step: 2, m: [new Float32Array(2)], v: [new Float32Array(2)] });
    run(d, 2, 4, fresh);
    expect(Array.from(d.dataSync())).not.toEqual(Array.from(a.dataSync()));
    fresh.dispose();
    d.dispose();
    expect(second.step).toBe(4);
    tf.dispose([a, b, c]);
    [straight, first, second].forEach((o) => o.dispose());
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    twoSteps(new AdamW({ learningRate: 0.1 }));
    expect(tf.memory().numTensors).toBe(before);
  });
});
