/**
 * Fits an ensemble's combination and scores it on the members' shared held-out rows.
 *
 * - mean: equal weights.
 * - weighted: non-negative least squares on the members' predictions of the validation rows (the
 *   shared held-out rows), normalised to sum 1. Those rows also score it, so its metrics carry the
 *   small optimism of fitting M weights on them.
 * - stacking: out-of-fold predictions of the training rows: each member's family and parameters are
 *   refitted `folds` times, each time on all but one fold of at most `maxRows` seeded training rows,
 *   and predict the left-out fold; the meta-model (ridge, or logistic) is fit on those and applied to
 *   the registered members' predictions. Cost: members × folds fits on ≤ maxRows rows.
 */
import { getColumn, takeRows, type Frame } from '../frame/frame';
import { kFold } from '../split/split';
import { mulberry32, shuffleInPlace } from '../split/prng';
import { encodeTarget } from '../train/task';
import { trainModel } from '../train/trainModel';
import type { ModelArtifact, TrainHooks } from '../train/types';
import { regressionMetrics } from '../metrics/regression';
import { argmaxRows, classificationMetrics } from '../metrics/classification';
import { combineOutputs, fitMeta, fitWeights, memberOutputs, type MemberOutput } from './combine';
import { EnsembleError, type EnsembleArtifact, type EnsembleMember, type EnsembleMethod } from './types';

export interface StackingData {
  frame: Frame;
  /** The members' training rows of `frame`. */
  rows: ArrayLike<number>;
  /** Each member's run parameters and left-out columns, to refit it. */
  refits: { params: Record<string, unknown>; exclude: string[] }[];
  folds?: number;
  maxRows?: number;
  seed?: number;
}

export interface BuildEnsembleInput {
  members: EnsembleMember[];
  method: EnsembleMethod;
  /** The frame the shared held-out rows index (the dataset, or the test dataset). */
  frame: Frame;
  evalRows: ArrayLike<number>;
  /** Why the held-out rows cannot fit weights (members trained on other data or splits); null when they can. */
  notShared: string | null;
  stacking?: StackingData;
  hooks?: TrainHooks;
}

export interface BuiltEnsemble {
  artifact: EnsembleArtifact;
  metrics: Record<string, number>;
  memberMetrics: Record<string, number>[];
  predictions: { rows: number[]; actual: number[]; values: number[]; probabilities: number[] | null };
}

export const STACKING_FOLDS = 3;
export const STACKING_MAX_ROWS = 2000;

function targetOf(frame: Frame, a: ModelArtifact, rows: ArrayLike<number>): Float64Array {
  const { y } = encodeTarget(getColumn(frame, a.target), a.task, a.classes ?? undefined);
  return Float64Array.from(rows, (r) => y[r]);
}

function metricsOf(a: ModelArtifact, y: Float64Array, out: Float64Array): Record<string, number> {
  const m = a.task === 'regression' ? regressionMetrics(y, out) : classificationMetrics(Array.from(y), out, a.classes!.length);
  return { ...m };
}

/** Probabilities of a refit whose classes may be ordered (or missing) differently, in `classes` order. */
function alignClasses(out: MemberOutput, from: (string | number)[], classes: (string | number)[], n: number): MemberOutput {
  const K = classes.length, F = from.length;
  const at = classes.map((c) => from.findIndex((f) => String(f) === String(c)));
  const aligned = new Float64Array(n * K);
  for (let r = 0; r < n; r++) for (let k = 0; k < K; k++) if (at[k] >= 0) aligned[r * K + k] = out[r * F + at[k]];
  return aligned;
}

async function outOfFold(first: ModelArtifact, members: EnsembleMember[], s: StackingData, hooks: TrainHooks): Promise<{ outputs: MemberOutput[]; y: Float64Array }> {
  const folds = s.folds ?? STACKING_FOLDS, cap = s.maxRows ?? STACKING_MAX_ROWS;
  const all = targetOf(s.frame, first, s.rows);
  const labelled = Array.from(s.rows).filter((_, i) => !Number.isNaN(all[i]));
  const rows = shuffleInPlace(labelled, mulberry32(s.seed ?? 0)).slice(0, cap).sort((a, b) => a - b);
  if (rows.length < folds * 2) throw new EnsembleError(`stacking needs at least ${folds * 2} labelled training rows (found ${rows.length})`);
  const y = targetOf(s.frame, first, rows);
  const K = first.classes?.length ?? 1, width = first.task === 'regression' ? 1 : K;
  const outputs = members.map(() => new Float64Array(rows.length * width));
  const splits = kFold(rows.length, folds, s.seed ?? 0);
  let done = 0;
  for (const [m, member] of members.entries()) {
    const a = member.artifact;
    for (const split of splits) {
      if (hooks.shouldStop?.()) throw new EnsembleError('cancelled');
      const trainFrame = takeRows(s.frame, Array.from(split.train, (i) => rows[i]));
      const testFrame = takeRows(s.frame, Array.from(split.test, (i) => rows[i]));
      const fit = await trainModel(trainFrame, {
        target: a.target, task: a.task, family: a.family, params: s.refits[m].params, exclude: s.refits[m].exclude,
        split: { kind: 'holdout', test: testFrame }, seed: s.seed ?? 0, calibrationFraction: 0,
      });
      let out = memberOutputs([fit.artifact], testFrame)[0];
      if (a.classes) out = alignClasses(out, fit.artifact.classes!, a.classes, testFrame.rowCount);
      split.test.forEach((i, t) => { for (let k = 0; k < width; k++) outputs[m][i * width + k] = out[t * width + k]; });
      hooks.onProgress?.(0.1 + (0.7 * ++done) / (members.length * splits.length), `out-of-fold fit ${done} of ${members.length * splits.length}`);
    }
  }
  return { outputs, y };
}

export async function buildEnsemble(input: BuildEnsembleInput): Promise<BuiltEnsemble> {
  const { members, method } = input;
  const first = members[0].artifact;
  const K = first.classes?.length ?? 1;
  const hooks = input.hooks ?? {};
  if (method !== 'mean' && input.notShared) throw new EnsembleError(`'${method}' needs validation rows the members share: ${input.notShared}; use --method mean`);
  const yAll = targetOf(input.frame, first, input.evalRows);
  const rows = Array.from(input.evalRows).filter((_, i) => !Number.isNaN(yAll[i]));
  if (!rows.length) throw new EnsembleError('the members have no labelled held-out rows to score the ensemble on');
  const y = targetOf(input.frame, first, rows);
  const evalFrame = takeRows(input.frame, rows);
  hooks.onProgress?.(0.05, 'members predict the held-out rows');
  const outputs = memberOutputs(members.map((m) => m.artifact), evalFrame);
  let weights: number[] | null = null, meta: EnsembleArtifact['meta'] = null;
  if (method === 'mean') weights = members.map(() => 1 / members.length);
  else if (method === 'weighted') weights = fitWeights(first.task, outputs, y, K);
  else {
    if (!input.stacking) throw new EnsembleError('stacking needs the members\' training rows');
    const oof = await outOfFold(first, members, input.stacking, hooks);
    meta = fitMeta(first.task, oof.outputs, oof.y, K);
  }
  const artifact: EnsembleArtifact = {
    format: 'lathe-ensemble', version: 1, family: 'ensemble', method, task: first.task, target: first.target,
    features: first.features, classes: first.classes, weights, meta, members,
  };
  const combined = combineOutputs(artifact, outputs, rows.length);
  const values = first.task === 'regression' ? combined : Float64Array.from(argmaxRows(combined, K));
  return {
    artifact,
    metrics: metricsOf(first, y, combined),
    memberMetrics: outputs.map((o) => metricsOf(first, y, o)),
    predictions: {
      rows, actual: Array.from(y), values: Array.from(values),
      probabilities: first.task === 'regression' ? null : Array.from(combined),
    },
  };
}
