import { nelderMead } from '../nelderMead';
import { initialStates } from './initialStates';
import { etsLikelihood } from './likelihood';
import type { EtsParams, EtsState } from './recursion';
import { EtsScorer } from './scorer';
import type { EtsSpec } from './spec';

/** A model of one spec fitted by maximum likelihood. */
export interface EtsFit {
  spec: EtsSpec;
  period: number;
  params: EtsParams;
  initial: EtsState;
  /** State after the last training value. */
  final: EtsState;
  loglik: number;
  /** Estimated parameters (smoothing, damping, initial states) plus σ. */
  k: number;
  n: number;
  aicc: number;
  /** Innovation variance, SSE/(n − k) (relative errors for multiplicative models). */
  sigma2: number;
}

// The usual region (Hyndman et al. 2008, §5.4): 0 < β < α < 1, 0 < γ < 1 − α, 0.8 < φ < 0.98.
const LO = 1e-4;
const HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * The optimiser works in an unconstrained space: smoothing parameters through logistic maps onto their
 * nested bounds, initial states as offsets from the heuristic start in units of the data's one-step
 * variation, m − 1 seasonal states free and the last one normalising the season (sum 0, or mean 1).
 */
class Packing {
  readonly size: number;
  /** Seasonal states the optimiser moves (the last coordinates of x). */
  readonly seasonalFree: number;
  private readonly unit: number;
  private readonly seasonUnit: number;

  constructor(
    readonly spec: EtsSpec,
    readonly m: number,
    readonly start: EtsState,
    y: ArrayLike<number>,
  ) {
    const seasonal = spec.season !== 'N';
    this.size = 1 + (spec.trend !== 'N' ? 1 : 0) + (seasonal ? 1 : 0) + (spec.trend === 'Ad' ? 1 : 0) + 1 + (spec.trend !== 'N' ? 1 : 0) + (seasonal ? m - 1 : 0);
    this.seasonalFree = seasonal ? m - 1 : 0;
    this.unit = oneStepScale(y, Math.abs(start.level));
    this.seasonUnit = spec.season === 'M' ? 0.02 : this.unit;
  }

  /** Unconstrained coordinates of smoothing parameters given as fractions of their ranges; states at the heuristic start. */
  x0(alphaFrac: number, betaFrac: number, gammaFrac: number, phi = 0.978): Float64Array {
    const x = new Float64Array(this.size);
    let i = 0;
    x[i++] = logit(alphaFrac);
    if (this.spec.trend !== 'N') x[i++] = logit(betaFrac);
    if (this.spec.season !== 'N') x[i++] = logit(gammaFrac);
    if (this.spec.trend === 'Ad') x[i++] = logit((phi - PHI_LO) / (PHI_HI - PHI_LO));
    return x;
  }

  /**
   * Starting points: R's (α = 0.2, divided by m when seasonal; β = 0.1α; γ = 0.05(1 − α)) and the best of a
   * coarse grid over the smoothing parameters, which finds the other basin when the likelihood has two
   * (a nervous level with a rigid season, or the reverse).
   */
  starts(objective: (x: Float64Array) => number): Float64Array[] {
    const seasonal = this.spec.season !== 'N';
    const r = this.x0(0.2 / (seasonal ? this.m : 1), 0.1, 0.05);
    let best: Float64Array | null = null;
    let bestValue = Infinity;
    for (const a of [0.05, 0.2, 0.5, 0.8]) {
      for (const b of this.spec.trend !== 'N' ? [0.05, 0.3] : [0.5]) {
        for (const g of seasonal ? [0.05, 0.5, 0.95] : [0.5]) {
          const x = this.x0(a, b, g);
          const v = objective(x);
          if (v < bestValue) {
            bestValue = v;
            best = x;
          }
        }
      }
    }
    return best ? [r, best] : [r];
  }

  /** Initial simplex edges: one logistic unit for parameters, one scale unit for states. */
  steps(): Float64Array {
    return new Float64Array(this.size).fill(1);
  }

  /** Writes the parameters and initial state x stands for into `params` and `state`; false if x is inadmissible. */
  unpack(x: Float64Array, params: EtsParams, state: EtsState): boolean {
    const { spec, m, start } = this;
    let i = 0;
    const alpha = LO + (HI - LO) * sigmoid(x[i++]);
    params.alpha = alpha;
    params.beta = spec.trend !== 'N' ? LO + (alpha - LO) * sigmoid(x[i++]) : 0;
    params.gamma = spec.season !== 'N' ? LO + (1 - alpha - LO) * sigmoid(x[i++]) : 0;
    params.phi = spec.trend === 'Ad' ? PHI_LO + (PHI_HI - PHI_LO) * sigmoid(x[i++]) : 1;
    state.level = start.level + this.unit * x[i++];
    state.trend = spec.trend !== 'N' ? start.trend + 0.1 * this.unit * x[i++] : 0;
    if (spec.season === 'N') return true;
    const season = state.season;
    let sum = 0;
    for (let j = 0; j < m - 1; j++) {
      season[j] = start.season[j] + this.seasonUnit * x[i++];
      sum += season[j];
    }
    season[m - 1] = spec.season === 'A' ? -sum : m - sum;
    if (spec.season === 'M') for (let j = 0; j < m; j++) if (!(season[j] > 0)) return false;
    return true;
  }

  blank(): { params: EtsParams; state: EtsState } {
    return {
      params: { alpha: 0, beta: 0, gamma: 0, phi: 1 },
      state: { level: 0, trend: 0, season: new Float64Array(this.spec.season === 'N' ? 0 : this.m) },
    };
  }
}

/** Mean absolute one-step change: the scale on which initial states are searched. */
function oneStepScale(y: ArrayLike<number>, level: number): number {
  let s = 0;
  let n = 0;
  for (let t = 1; t < y.length; t++) {
    const d = Math.abs(y[t] - y[t - 1]);
    if (Number.isNaN(d)) continue;
    s += d;
    n++;
  }
  const scale = n > 0 ? s / n : 0;
  return scale > 0 ? scale : Math.max(level * 1e-3, 1e-8);
}

/** Log-likelihood gain below which another restart is not worth its evaluations. */
const MIN_GAIN = 1e-3;

/** Nelder–Mead restarted from its own best point until a fresh simplex finds nothing better (it stalls otherwise). */
function minimise(objective: (x: Float64Array) => number, x0: Float64Array, steps: Float64Array, size: number): { x: Float64Array; value: number } {
  let x = x0;
  let best = objective(x);
  if (!Number.isFinite(best)) return { x, value: best };
  for (let restart = 0; restart < 4; restart++) {
    const r = nelderMead(objective, x, { step: steps, maxEvals: 200 * size, relTol: 1e-8 });
    const gain = best - r.value;
    if (r.value < best) {
      x = r.x;
      best = r.value;
    }
    if (gain < MIN_GAIN) break;
    steps.forEach((s, i) => (steps[i] = s / 2));
  }
  return { x, value: best };
}

/** Maximum-likelihood fit of one ETS model; null when no admissible starting point exists. */
export function estimateEts(y: ArrayLike<number>, spec: EtsSpec, m: number): EtsFit | null {
  const packing = new Packing(spec, spec.season === 'N' ? 1 : m, initialStates(y, spec, m), y);
  const work = packing.blank();
  const scorer = new EtsScorer(spec, y, packing.m);
  const objective = (x: Float64Array) => (packing.unpack(x, work.params, work.state) ? -scorer.loglik(work.params, work.state) : Infinity);
  // Two stages from each start: first the smoothing parameters, level and trend with the seasonal states held
  // at the heuristic (few dimensions, cheap), then everything together. Either start can end in the better
  // basin, and which one does is only known after the second stage.
  const core = packing.size - packing.seasonalFree;
  const embed = (xc: Float64Array) => {
    const x = new Float64Array(packing.size);
    x.set(xc);
    return x;
  };
  const coreObjective = (xc: Float64Array) => objective(embed(xc));
  let x: Float64Array | null = null;
  let best = Infinity;
  for (const start of packing.starts(objective)) {
    let r = minimise(coreObjective, start.subarray(0, core), packing.steps().subarray(0, core), core);
    if (packing.seasonalFree > 0 && Number.isFinite(r.value)) r = minimise(objective, embed(r.x), packing.steps(), packing.size);
    else r = { x: embed(r.x), value: r.value };
    if (r.value < best) {
      best = r.value;
      x = r.x;
    }
  }
  if (!x || !Number.isFinite(best)) return null;
  const u = packing.blank();
  packing.unpack(x, u.params, u.state);
  const lik = etsLikelihood(y, spec, u.params, u.state)!;
  const k = packing.size + 1;
  const n = lik.n;
  const aicc = n - k - 1 > 0 ? -2 * lik.loglik + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return {
    spec, period: packing.m, params: u.params, initial: u.state, final: lik.final,
    loglik: lik.loglik, k, n, aicc, sigma2: lik.sse / (n > k ? n - k : n),
  };
}
