/**
 * Always-valid sequential test of paired differences: the mixture sequential probability ratio test (mSPRT) of
 * Johari, Koomen, Pekelis & Walsh ("Always valid inference", 2017/2022), with a normal mixture over the effect.
 *
 * Each observation is d = score(candidate) − score(stable) on one row (accuracy: 1/0 correct; errors negated), so
 * positive means the candidate did better. H0: mean(d) ≥ −margin (the candidate is no worse than the margin);
 * H1: it is worse. With the mixture N(θ0, τ²) over the mean, θ0 = −margin, and σ² the (plug-in) variance of d:
 *
 *   Λn = √(σ² / (σ² + nτ²)) · exp( n²τ² (d̄n − θ0)² / (2σ² (σ² + nτ²)) )
 *
 * is a martingale under θ = θ0, so P(sup Λn ≥ 1/α) ≤ α (Ville) however often it is looked at; the always-valid
 * p-value is pn = min(p(n−1), 1/Λn). Counting Λn only while d̄n < θ0 makes it one-sided (and more conservative for
 * means inside H0). σ² is estimated, so the guarantee is asymptotic: no rejection before `minN` observations.
 */

export interface PairedMsprtOptions {
  /** The candidate may be this much worse (metric units) under H0. */
  margin: number;
  alpha: number;
  /** Spread of the normal mixture: the effect size (metric units) the test finds soonest. */
  tau: number;
  /** Observations before the test may reject. */
  minN: number;
}

export interface MsprtState {
  n: number;
  /** Mean difference candidate − stable (positive: candidate better). */
  mean: number;
  sd: number;
  /** The mixture likelihood ratio now (1 while the mean is on H0's side). */
  lr: number;
  /** Always-valid p-value: the smallest 1/Λ seen so far, capped at 1. */
  p: number;
  rejected: boolean;
}

export class PairedMsprt {
  private count = 0;
  private mu = 0;
  private m2 = 0;
  private lastLr = 1;
  private pValue = 1;
  private done = false;

  constructor(readonly opts: PairedMsprtOptions) {
    if (!(opts.tau > 0)) throw new RangeError(`tau must be positive, got ${opts.tau}`);
    if (!(opts.alpha > 0 && opts.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${opts.alpha}`);
  }

  /** Adds one paired difference (Welford's update) and re-evaluates the test. */
  push(d: number): MsprtState {
    if (!Number.isFinite(d)) return this.state();
    this.count++;
    const delta = d - this.mu;
    this.mu += delta / this.count;
    this.m2 += delta * (d - this.mu);
    if (this.count >= this.opts.minN) {
      this.lastLr = this.likelihoodRatio();
      this.pValue = Math.min(this.pValue, 1 / this.lastLr);
      if (this.pValue <= this.opts.alpha) this.done = true;
    }
    return this.state();
  }

  private likelihoodRatio(): number {
    const theta0 = -this.opts.margin;
    if (this.mu >= theta0) return 1;
    const n = this.count;
    // A variance of exactly zero (every difference alike) would make any gap infinitely sure; a floor keeps it finite.
    const v = Math.max(this.m2 / (n - 1), 1e-6 * this.opts.tau * this.opts.tau, 1e-12);
    const t2 = this.opts.tau * this.opts.tau;
    const gap = this.mu - theta0;
    const logLr = 0.5 * Math.log(v / (v + n * t2)) + (n * n * t2 * gap * gap) / (2 * v * (v + n * t2));
    return Math.exp(Math.min(logLr, 700));
  }

  state(): MsprtState {
    const sd = this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0;
    return { n: this.count, mean: this.mu, sd, lr: this.lastLr, p: this.pValue, rejected: this.done };
  }
}
