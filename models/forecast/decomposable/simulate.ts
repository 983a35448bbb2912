/**
 * Prophet's predictive uncertainty: each path continues the trend with new changepoints after the history
 * (as many, per unit of scaled time, as the history had candidates; rate changes Laplace with the fitted
 * mean |δ|) and adds the residual noise. Seeded, so a model forecasts the same every time.
 */
import { gaussian, mulberry32 } from '../../split/prng';
import type { PointParts } from './predict';

export const PATHS = 1000;

export interface PathInputs {
  /** Future steps' parts (scaled t, trend, multiplicative and additive sums). */
  steps: readonly PointParts[];
  /** Candidate changepoints in the history (their count sets the rate of new ones). */
  changepoints: number;
  meanAbsDelta: number;
  sigma: number;
  yScale: number;
  /** Added to every value (the level anchor of updated models). */
  offset: number;
  seed: number;
}

function poisson(mean: number, rand: () => number): number {
  // Counting unit-rate arrivals up to `mean`: exact, and cheap for the means trend simulation meets.
  let count = 0;
  let sum = -Math.log(1 - rand());
  while (sum < mean) {
    count++;
    sum += -Math.log(1 - rand());
  }
  return count;
}

function laplace(scale: number, rand: () => number): number {
  const u = rand() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** Paths laid out as `paths[p * h + j]`, as `simulatedForecast` reads them. */
export function simulatePaths(inp: PathInputs): Float64Array {
  const h = inp.steps.length;
  const rand = mulberry32(inp.seed);
  const out = new Float64Array(PATHS * h);
  const tEnd = inp.steps.reduce((mx, s) => Math.max(mx, s.t), 1);
  const rate = inp.changepoints * (tEnd - 1);
  const lambda = inp.meanAbsDelta + 1e-8;
  const at: number[] = [], dl: number[] = [];
  for (let p = 0; p < PATHS; p++) {
    const changes = inp.changepoints > 0 ? poisson(rate, rand) : 0;
    at.length = dl.length = 0;
    for (let c = 0; c < changes; c++) {
      at.push(1 + rand() * (tEnd - 1));
      dl.push(laplace(lambda, rand));
    }
    for (let j = 0; j < h; j++) {
      const s = inp.steps[j];
      let g = s.trend;
      for (let c = 0; c < changes; c++) if (s.t > at[c]) g += dl[c] * (s.t - at[c]);
      out[p * h + j] = inp.yScale * (g * (1 + s.mult) + s.add + inp.sigma * gaussian(rand)) + inp.offset;
    }
  }
  return out;
}
