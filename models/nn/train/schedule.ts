/**
 * Learning-rate schedules as pure functions of the optimizer step (0-based) → learning rate, applied per
 * batch. Definitions follow the common references so the numbers can be checked against them:
 * cosine with linear warmup as Hugging Face's `get_cosine_schedule_with_warmup` (plus a floor), one-cycle
 * as PyTorch's `OneCycleLR` (Smith & Topin, two phases).
 */

export type ScheduleSpec =
  | { kind: 'constant' }
  /** Linear warmup from 0 over `warmupSteps`, then a half cosine from the base rate down to `minLr`. */
  | { kind: 'cosine'; warmupSteps?: number; minLr?: number }
  /**
   * From base/`divFactor` up to the base rate (the cycle's maximum) over the first `pctStart` of the
   * steps, then down to base/(`divFactor`·`finalDivFactor`); `anneal` shapes both phases.
   */
  | { kind: 'oneCycle'; pctStart?: number; divFactor?: number; finalDivFactor?: number; anneal?: 'cos' | 'linear' };

export type Schedule = (step: number) => number;

const cosAnneal = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));
const linAnneal = (start: number, end: number, pct: number) => (end - start) * pct + start;

/** `baseLr` is the constant rate, the cosine's peak or the one-cycle's maximum; `totalSteps` the run's optimizer steps. */
export function makeSchedule(spec: ScheduleSpec, baseLr: number, totalSteps: number): Schedule {
  if (!(baseLr > 0)) throw new Error('the learning rate must be positive');
  if (!(totalSteps >= 1)) throw new Error('a schedule needs at least one step');
  switch (spec.kind) {
    case 'constant':
      return () => baseLr;
    case 'cosine': {
      const warmup = spec.warmupSteps ?? 0, minLr = spec.minLr ?? 0;
      if (warmup < 0 || warmup >= totalSteps) throw new Error('warmupSteps must be in [0, totalSteps)');
      if (minLr < 0 || minLr > baseLr) throw new Error('minLr must be in [0, learning rate]');
      return (step) => {
        if (step < warmup) return (baseLr * step) / warmup;
        const pct = Math.min(1, (step - warmup) / Math.max(1, totalSteps - warmup));
        return cosAnneal(baseLr, minLr, pct);
      };
    }
    case 'oneCycle': {
      const pctStart = spec.pctStart ?? 0.3, div = spec.divFactor ?? 25, finalDiv = spec.finalDivFactor ?? 1e4;
      if (!(pctStart > 0 && pctStart < 1)) throw new Error('pctStart must be in (0, 1)');
      if (!(div >= 1 && finalDiv >= 1)) throw new Error('divFactor and finalDivFactor must be at least 1');
      const initial = baseLr / div, final = initial / finalDiv;
      const anneal = spec.anneal === 'linear' ? linAnneal : cosAnneal;
      // Phase ends as in OneCycleLR: the peak at step pctStart·total − 1, the floor at the last step.
      const peakStep = pctStart * totalSteps - 1, lastStep = totalSteps - 1;
      return (step) => {
        if (step <= peakStep) return anneal(initial, baseLr, peakStep > 0 ? step / peakStep : 1);
        const pct = lastStep > peakStep ? (step - peakStep) / (lastStep - peakStep) : 1;
        return anneal(baseLr, final, Math.min(1, pct));
      };
    }
  }
}
