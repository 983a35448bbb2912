/**
 * The plan's A/B result from paired scores: champion (A) and challenger (B) scored on the same held-out
 * rows, points or users, the paired bootstrap of B − A and its verdict against the plan's margin, as
 * runs.compare words them. Every family's evaluation ends here.
 */
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanEvaluateArgs } from '../../../shared/automation/evaluate';
import { LOWER_IS_BETTER, pairedBootstrap, verdict } from '../../../models/stats/ab';
import type { TaskContext } from '../protocol';

export interface PairedScores {
  championRunId: string;
  challengerRunId: string;
  metric: string;
  /** How many paired units there are. */
  n: number;
  /** The metric of each model over a resample of the units (indices into 0 … n − 1, repeats allowed). */
  score(units: Uint32Array): { a: number; b: number };
  rowsNote: string;
  unit: NonNullable<PlanAbDto['unit']>;
  mcnemar?: PlanAbDto['mcnemar'];
  /** Units that are not independent, resampled together (pairedBootstrap's clusters). */
  clusters?: { ids: ArrayLike<number>; count: number };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

export function pairedAb(p: PairedScores, args: PlanEvaluateArgs, ctx: Pick<TaskContext, 'cancelled' | 'progress'>): PlanAbDto {
  const difference = pairedBootstrap(p.n, p.score, {
    resamples: args.resamples, seed: 20261124, clusters: p.clusters?.ids,
    onProgress: (f) => {
      if (ctx.cancelled()) throw new Error('cancelled');
      ctx.progress(0.3 + 0.7 * f, 'paired bootstrap');
    },
  });
  const v = verdict(p.metric, difference, args.margin, fmt);
  const whole = p.score(new Uint32Array(p.n).map((_, i) => i));
  return {
    a: p.championRunId, b: p.challengerRunId, metric: p.metric, lowerIsBetter: LOWER_IS_BETTER.has(p.metric),
    valueA: whole.a, valueB: whole.b, rows: p.n,
    difference: { ...difference, resamples: args.resamples, ...(p.clusters ? { clusters: p.clusters.count } : {}) }, margin: args.margin, verdict: v.verdict, text: v.text,
    mcnemar: p.mcnemar ?? null, correctedT: null, mode: args.mode, rowsNote: p.rowsNote, unit: p.unit,
  };
}
