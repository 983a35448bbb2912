/**
 * The loss of a dense network's head and its gradient with respect to the head's pre-activation values,
 * written straight into the kernel's padded arrays. Each pairing follows the TF.js loss the loop would
 * use (models/nn/train/losses.ts), mean-reduced the same way, so both paths minimise the same objective.
 */
export type HeadLoss = 'mse' | 'mae' | 'sigmoid-bce' | 'softmax-cce' | 'logits-sigmoid' | 'logits-softmax' | 'masked-mse';

/** TF.js's epsilon for losses on probabilities. */
const EPS = 1e-7;

/**
 * Mean loss of rows [0, n) of `z` (rows of `stride` floats, `outs` used) against `y` (rows of `outs`; for
 * 'masked-mse' rows of 2·outs, the targets then their mask), with the gradient written into `dz` (same
 * layout; padded entries left at zero).
 */
export function headLoss(kind: HeadLoss, z: Float32Array, y: Float32Array, dz: Float32Array, n: number, outs: number, stride: number): number {
  dz.fill(0, 0, Math.ceil(n / 4) * 4 * stride);
  if (kind === 'masked-mse') return maskedMse(z, y, dz, n, outs, stride);
  let loss = 0;
  if (kind === 'softmax-cce' || kind === 'logits-softmax') {
    const p = new Float64Array(outs);
    for (let r = 0; r < n; r++) {
      const zr = r * stride, yr = r * outs;
      let max = -Infinity, sum = 0, ySum = 0;
      for (let j = 0; j < outs; j++) max = Math.max(max, z[zr + j]);
      for (let j = 0; j < outs; j++) sum += p[j] = Math.exp(z[zr + j] - max);
      for (let j = 0; j < outs; j++) {
        p[j] /= sum;
        ySum += y[yr + j];
        const q = kind === 'softmax-cce' ? Math.min(1 - EPS, Math.max(EPS, p[j])) : p[j];
        if (y[yr + j] !== 0) loss -= y[yr + j] * (kind === 'softmax-cce' ? Math.log(q) : z[zr + j] - max - Math.log(sum));
      }
      for (let j = 0; j < outs; j++) dz[zr + j] = (p[j] * ySum - y[yr + j]) / n;
    }
    return loss / n;
  }
  const count = n * outs;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < outs; j++) {
      const v = z[r * stride + j], t = y[r * outs + j];
      let g: number;
      switch (kind) {
        case 'mse':
          loss += (v - t) ** 2;
          g = 2 * (v - t);
          break;
        case 'mae':
          loss += Math.abs(v - t);
          g = Math.sign(v - t);
          break;
        case 'sigmoid-bce': {
          const p = 1 / (1 + Math.exp(-v));
          const q = Math.min(1 - EPS, Math.max(EPS, p));
          loss -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
          // The clip passes no gradient where it binds.
          g = p > EPS && p < 1 - EPS ? p - t : 0;
          break;
        }
        case 'logits-sigmoid':
          loss += Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
          g = 1 / (1 + Math.exp(-v)) - t;
          break;
      }
      dz[r * stride + j] = g / count;
    }
  }
  return loss / count;
}

/** losses.ts's maskedMeanSquaredError: Σ mask·(z − y)² / max(Σ mask, 1). */
function maskedMse(z: Float32Array, y: Float32Array, dz: Float32Array, n: number, outs: number, stride: number): number {
  let weight = 0, loss = 0;
  for (let r = 0; r < n; r++) for (let j = 0; j < outs; j++) weight += y[r * 2 * outs + outs + j];
  const scale = 1 / Math.max(weight, 1);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < outs; j++) {
      const d = z[r * stride + j] - y[r * 2 * outs + j], m = y[r * 2 * outs + outs + j];
      loss += m * d * d;
      dz[r * stride + j] = 2 * m * d * scale;
    }
  }
  return loss * scale;
}
