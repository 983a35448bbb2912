import type { EtsSpec } from './spec';

export interface EtsParams {
  alpha: number;
  /** Error-correction form: b_t = φb + β·(level innovation); 0 without a trend. */
  beta: number;
  gamma: number;
  /** 1 unless the trend is damped. */
  phi: number;
}

export interface EtsState {
  level: number;
  trend: number;
  /** Seasonal factors in the order they will be used: season[0] belongs to the next step. Empty without a season. */
  season: Float64Array;
}

/**
 * The ETS state-space recursion (Hyndman et al. 2008, in the update form of R's ets): one object serves the
 * likelihood, forecasts, simulated paths and state updates, so they cannot disagree. Additive and multiplicative
 * errors share these updates; they differ in how the error is measured and in the likelihood.
 */
export class EtsRecursion {
  level: number;
  trend: number;
  /** Ring buffer: ring[ptr] is the factor for the next step. */
  private readonly ring: Float64Array;
  private ptr = 0;
  private q = 0;
  private s = 0;
  private readonly m: number;

  constructor(
    readonly spec: EtsSpec,
    readonly params: EtsParams,
    state: EtsState,
  ) {
    this.level = state.level;
    this.trend = spec.trend === 'N' ? 0 : state.trend;
    this.ring = spec.season === 'N' ? new Float64Array(0) : Float64Array.from(state.season);
    this.m = this.ring.length;
  }

  /** One-step-ahead forecast; NaN when the state left the region the model is defined on. */
  predict(): number {
    const phib = this.params.phi * this.trend;
    this.q = this.level + phib;
    switch (this.spec.season) {
      case 'N':
        this.s = 0;
        return this.q;
      case 'A':
        this.s = this.ring[this.ptr];
        return this.q + this.s;
      case 'M':
        this.s = this.ring[this.ptr];
        return this.q * this.s;
    }
  }

  /**
   * Moves the state past an observation `y`, after `predict()` gave `yhat`. A missing y moves the state on
   * as forecast. Returns the error: y − ŷ (additive), (y − ŷ)/ŷ (multiplicative), 0 when missing.
   */
  observe(y: number, yhat: number): number {
    const { alpha, beta, gamma, phi } = this.params;
    const q = this.q, s = this.s;
    if (Number.isNaN(y)) {
      this.level = q;
      this.trend *= phi;
    } else {
      const seasonless = this.spec.season === 'A' ? y - s : this.spec.season === 'M' ? y / s : y;
      const innovation = seasonless - q;
      this.level = q + alpha * innovation;
      if (this.spec.trend !== 'N') this.trend = phi * this.trend + beta * innovation;
      if (this.m > 0) {
        const target = this.spec.season === 'A' ? y - q : y / q;
        this.ring[this.ptr] = s + gamma * (target - s);
      }
    }
    if (this.m > 0) this.ptr = (this.ptr + 1) % this.m;
    if (Number.isNaN(y)) return 0;
    return this.spec.error === 'A' ? y - yhat : (y - yhat) / yhat;
  }

  /** Point forecasts for the next h steps, state untouched. */
  forecastMean(h: number): Float64Array {
    const out = new Float64Array(h);
    const phi = this.params.phi;
    let damp = 0;
    let pow = 1;
    for (let j = 0; j < h; j++) {
      pow *= phi;
      damp += pow;
      const q = this.level + damp * this.trend;
      const s = this.m > 0 ? this.ring[(this.ptr + j) % this.m] : 0;
      out[j] = this.spec.season === 'M' ? q * s : q + s;
    }
    return out;
  }

  state(): EtsState {
    const season = new Float64Array(this.m);
    for (let j = 0; j < this.m; j++) season[j] = this.ring[(this.ptr + j) % this.m];
    return { level: this.level, trend: this.trend, season };
  }
}
