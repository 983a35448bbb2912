/**
 * Nelder–Mead simplex minimisation with the dimension-adaptive coefficients of Gao & Han (2012), which keep it
 * moving in the 10–20 dimensions of a seasonal ETS fit. Infinite values mark infeasible points.
 */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (or one for all); default 1. */
  step?: number | ArrayLike<number>;
  maxEvals?: number;
  /** Stop when the simplex's values agree to this relative tolerance (R's optim reltol). */
  relTol?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evals: number;
}

export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: NelderMeadOptions = {}): NelderMeadResult {
  const d = x0.length;
  const { maxEvals = 1000 * d, relTol = 1e-8 } = opts;
  const step = opts.step ?? 1;
  const expand = 1 + 2 / d, contract = 0.75 - 1 / (2 * d), shrink = 1 - 1 / d;
  let evals = 0;
  const value = (x: Float64Array) => {
    evals++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const pts: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < d; i++) {
    const p = Float64Array.from(x0);
    p[i] += typeof step === 'number' ? step : step[i];
    pts.push(p);
  }
  const vals = new Float64Array(d + 1);
  for (let k = 0; k <= d; k++) vals[k] = value(pts[k]);
  const order = new Int32Array(d + 1);
  const centroid = new Float64Array(d);
  const trial = new Float64Array(d);
  const expanded = new Float64Array(d);
  /** out = centroid + t·(worst − centroid): t = −1 reflects, −expand expands, ±contract contracts. */
  const along = (out: Float64Array, t: number, worst: Float64Array) => {
    for (let i = 0; i < d; i++) out[i] = centroid[i] + t * (worst[i] - centroid[i]);
  };
  while (evals < maxEvals) {
    sortByValue(order, vals);
    const best = order[0], worst = order[d], second = order[d - 1];
    if (Math.abs(vals[worst] - vals[best]) <= relTol * (Math.abs(vals[best]) + relTol)) break;
    centroid.fill(0);
    for (let k = 0; k < d; k++) {
      const p = pts[order[k]];
      for (let i = 0; i < d; i++) centroid[i] += p[i];
    }
    for (let i = 0; i < d; i++) centroid[i] /= d;
    const w = pts[worst];
    along(trial, -1, w);
    const fr = value(trial);
    if (fr < vals[best]) {
      along(expanded, -expand, w);
      const fe = value(expanded);
      if (fe < fr) {
        w.set(expanded);
        vals[worst] = fe;
      } else {
        w.set(trial);
        vals[worst] = fr;
      }
    } else if (fr < vals[second]) {
      w.set(trial);
      vals[worst] = fr;
    } else {
      // Outside contraction when the reflection beat the worst point, inside otherwise.
      const outside = fr < vals[worst];
      along(trial, outside ? -contract : contract, w);
      const fc = value(trial);
      if (fc < (outside ? fr : vals[worst])) {
        w.set(trial);
        vals[worst] = fc;
      } else {
        const b = pts[best];
        for (let k = 1; k <= d; k++) {
          const p = pts[order[k]];
          for (let i = 0; i < d; i++) p[i] = b[i] + shrink * (p[i] - b[i]);
          vals[order[k]] = value(p);
        }
      }
    }
  }
  let bi = 0;
  for (let k = 1; k <= d; k++) if (vals[k] < vals[bi]) bi = k;
  return { x: Float64Array.from(pts[bi]), value: vals[bi], evals };
}

/** Insertion sort of vertex indices by value: the simplex is small and nearly sorted between iterations. */
function sortByValue(order: Int32Array, vals: Float64Array): void {
  for (let k = 0; k < order.length; k++) order[k] = k;
  for (let k = 1; k < order.length; k++) {
    const o = order[k];
    let j = k - 1;
    while (j >= 0 && vals[order[j]] > vals[o]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = o;
  }
}
