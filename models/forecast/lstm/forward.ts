/**
 * The network's forward pass in plain TypeScript, the same arithmetic as TF.js's LSTM cell (gates i, f, c, o;
 * logistic gates, tanh activation). Forecasting runs here: it is synchronous, needs no backend and holds no
 * tensors, so a fitted or loaded model never leaks GPU or WASM memory, and a JSON round-trip forecasts
 * exactly as the model it came from.
 */
import type { NetworkShape } from './network';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Outputs [count, outputs] for inputs [count, steps, channels]. */
export function forward(shape: NetworkShape, weights: readonly Float32Array[], x: Float32Array, count: number): Float32Array {
  const { steps, channels, units, outputs } = shape;
  const out = new Float32Array(count * outputs);
  const maxUnits = Math.max(channels, ...units);
  let seq = new Float64Array(steps * maxUnits);
  let next = new Float64Array(steps * maxUnits);
  const z = new Float64Array(4 * Math.max(...units));
  for (let r = 0; r < count; r++) {
    for (let k = 0; k < steps * channels; k++) seq[k] = x[r * steps * channels + k];
    let inputs = channels;
    let h = new Float64Array(0);
    units.forEach((u, layer) => {
      const [kernel, recurrent, bias] = weights.slice(3 * layer, 3 * layer + 3);
      const g = 4 * u;
      h = new Float64Array(u);
      const c = new Float64Array(u);
      for (let s = 0; s < steps; s++) {
        for (let q = 0; q < g; q++) z[q] = bias[q];
        for (let i = 0; i < inputs; i++) {
          const xi = seq[s * inputs + i];
          if (xi === 0) continue;
          const row = i * g;
          for (let q = 0; q < g; q++) z[q] += xi * kernel[row + q];
        }
        for (let i = 0; i < u; i++) {
          const hi = h[i];
          if (hi === 0) continue;
          const row = i * g;
          for (let q = 0; q < g; q++) z[q] += hi * recurrent[row + q];
        }
        for (let i = 0; i < u; i++) {
          c[i] = sigmoid(z[u + i]) * c[i] + sigmoid(z[i]) * Math.tanh(z[2 * u + i]);
          h[i] = sigmoid(z[3 * u + i]) * Math.tanh(c[i]);
          next[s * u + i] = h[i];
        }
      }
      [seq, next] = [next, seq];
      inputs = u;
    });
    const kernel = weights[3 * units.length];
    const bias = weights[3 * units.length + 1];
    const last = units[units.length - 1];
    for (let o = 0; o < outputs; o++) {
      let v = bias[o];
      for (let i = 0; i < last; i++) v += h[i] * kernel[i * outputs + o];
      out[r * outputs + o] = v;
    }
  }
  return out;
}
