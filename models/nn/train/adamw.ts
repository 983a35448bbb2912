/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, as `torch.optim.AdamW`. Per step t:
 *   p ← p·(1 − lr·wd)                  (decayed parameters only)
 *   m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²
 *   p ← p − lr·m̂ / (√v̂ + ε),  m̂ = m/(1 − β1^t),  v̂ = v/(1 − β2^t)
 * Decay applies to parameters of rank ≥ 2 (kernels, embeddings); biases and normalisation scales and
 * offsets (rank ≤ 1) are not decayed. The bias corrections are computed in double precision from the
 * step count rather than accumulated in float32 as tf.train.adam does, so the state is just (step, m, v)
 * and a run restored from it continues bit for bit.
 */
import { tf } from '../../mlp/backend';

export interface AdamWConfig {
  learningRate: number;
  weightDecay?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** The optimizer's whole state, moments in the order of the variables given to `getState`. */
export interface AdamWState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

type NamedGradients = Parameters<tf.Optimizer['applyGradients']>[0];

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
}

export class AdamW extends tf.Optimizer {
  static get className(): string {
    return 'AdamW';
  }

  /** Set per batch by a schedule; read at every step. */
  learningRate: number;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Steps taken (t of the last update). */
  step = 0;
  private readonly slots = new Map<string, Slot>();

  constructor(config: AdamWConfig) {
    super();
    this.learningRate = config.learningRate;
    this.weightDecay = config.weightDecay ?? 0.01;
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-8;
    if (!(this.learningRate >= 0) || !(this.weightDecay >= 0)) throw new Error('learning rate and weight decay must be non-negative');
    if (!(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1)) throw new Error('betas must be in [0, 1)');
  }

  /** Whether a variable is decayed: kernels and embeddings yes, biases and norm parameters (rank ≤ 1) no. */
  static decays(v: tf.Variable): boolean {
    return v.rank >= 2;
  }

  private slot(v: tf.Variable): Slot {
    let s = this.slots.get(v.name);
    if (!s) {
      s = tf.tidy(() => ({ m: tf.zerosLike(v).variable(false), v: tf.zerosLike(v).variable(false) }));
      this.slots.set(v.name, s);
    }
    return s;
  }

  applyGradients(variableGradients: NamedGradients): void {
    const pairs = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const t = this.step + 1;
    const lr = this.learningRate, b1 = this.beta1, b2 = this.beta2;
    const bc1 = 1 - b1 ** t, sqrtBc2 = Math.sqrt(1 - b2 ** t);
    tf.tidy(() => {
      for (const [name, grad] of pairs) {
        if (grad == null) continue;
        const p = tf.engine().registeredVariables[name];
        if (!p) throw new Error(`no variable named ${name}`);
        const s = this.slot(p);
        const m = tf.add(tf.mul(s.m, b1), tf.mul(grad, 1 - b1));
        const v = tf.add(tf.mul(s.v, b2), tf.mul(tf.square(grad), 1 - b2));
        s.m.assign(m);
        s.v.assign(v);
        // As PyTorch: denominator √v/√(1−β2^t) + ε, step size lr/(1−β1^t).
        const update = tf.mul(tf.div(m, tf.add(tf.div(tf.sqrt(v), sqrtBc2), this.epsilon)), lr / bc1);
        const decayed = this.weightDecay > 0 && AdamW.decays(p) ? tf.mul(p, 1 - lr * this.weightDecay) : p;
        p.assign(tf.sub(decayed, update));
      }
    });
    this.step = t;
    this.incrementIterations();
  }

  /** Moments of `vars` in that order (zeros for a variable not yet stepped). */
  getState(vars: readonly tf.Variable[]): AdamWState {
    const read = (v: tf.Variable, k: 'm' | 'v') => {
      const s = this.slots.get(v.name);
      return s ? Float32Array.from(s[k].dataSync() as Float32Array) : new Float32Array(v.size);
    };
    return { step: this.step, m: vars.map((v) => read(v, 'm')), v: vars.map((v) => read(v, 'v')) };
  }

  /** Restores a state taken with `getState` on variables of the same shapes (names may differ). */
  setState(vars: readonly tf.Variable[], state: AdamWState): void {
    if (state.m.length !== vars.length || state.v.length !== vars.length) throw new Error('optimizer state does not match the variables');
    vars.forEach((v, i) => {
      if (state.m[i].length !== v.size || state.v[i].length !== v.size) throw new Error(`optimizer state for variable ${i} has the wrong size`);
      const s = this.slot(v);
      tf.tidy(() => {
        s.m.assign(tf.tensor(state.m[i], v.shape, 'float32'));
        s.v.assign(tf.tensor(state.v[i], v.shape, 'float32'));
      });
    });
    this.step = state.step;
    this.iterations_ = state.step;
  }

  override async getWeights(): ReturnType<tf.Optimizer['getWeights']> {
    const moments = [...this.slots].flatMap(([name, s]) => [{ name: `${name}/m`, tensor: s.m }, { name: `${name}/v`, tensor: s.v }]);
    return [await this.saveIterations(), ...moments];
  }

  override async setWeights(): Promise<void> {
    throw new Error('AdamW state is restored with setState, which maps moments by position');
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, weightDecay: this.weightDecay, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    for (const s of this.slots.values()) tf.dispose([s.m, s.v]);
    this.slots.clear();
  }
}
