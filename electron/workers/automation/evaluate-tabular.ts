/**
 * Champion against challenger for tabular and text classifiers: the challenger's stored held-out
 * predictions on the rows neither model trained on, the champion's predictions on the same rows from its
 * stored model, the run's headline metric per resample, and McNemar for classifiers (as runs.compare).
 */
import type { Database } from 'better-sqlite3';
import type { RunsRepo } from '../../data/db/repos/runs-repo';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanEvaluateArgs } from '../../../shared/automation/evaluate';
import { takeRows } from '../../../models/frame/frame';
import { mcnemar } from '../../../models/stats/ab';
import { regressionMetrics } from '../../../models/metrics/regression';
import { classificationMetrics } from '../../../models/metrics/classification';
import type { TaskContext } from '../protocol';
import { championRows } from './champion-rows';
import { pairedAb } from './paired-ab';
import { loadPlanModel, runArtifact } from './run-model';

/** Predictions of one model on the chosen rows, in the shape the metrics read. */
export interface Scored {
  values: Float64Array;
  probabilities: Float64Array | null;
}

export const headline = (classes: unknown[] | null) => (classes ? 'accuracy' : 'rmse');

export function score(metric: string, K: number, actual: Float64Array, s: Scored, rows: Uint32Array): number {
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = actual[rows[i]];
  if (!K) {
    const v = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) v[i] = s.values[rows[i]];
    return regressionMetrics(y, v)[metric as 'rmse'];
  }
  const p = new Float64Array(rows.length * K);
  for (let i = 0; i < rows.length; i++) for (let k = 0; k < K; k++) p[i * K + k] = s.probabilities![rows[i] * K + k];
  return classificationMetrics(y, p, K)[metric as 'accuracy'];
}

export async function evaluateTabular(db: Database, repo: RunsRepo, champion: RunDetailDto, challenger: RunDetailDto, args: PlanEvaluateArgs, ctx: TaskContext): Promise<PlanAbDto | null> {
  const modelA = runArtifact(repo.artifact(champion.id, 'model'), 'champion');
  runArtifact(repo.artifact(challenger.id, 'model'), 'challenger');
  const pb = repo.artifact<RunPredictionsDto>(challenger.id, 'predictions');
  if (!pb || !challenger.datasetId) throw new ApiError('bad_request', 'The challenger has no stored held-out predictions');
  if (JSON.stringify(modelA.classes) !== JSON.stringify(pb.classes)) {
    throw new ApiError('conflict', `The challenger's classes ${JSON.stringify(pb.classes)} are not the champion's ${JSON.stringify(modelA.classes)}; compare them by hand`);
  }
  // A test dataset is held out from both; otherwise keep the challenger's held-out rows the champion never saw.
  const evalDataset = challenger.testDatasetId ?? challenger.datasetId;
  const frame = loadFrame(db, evalDataset).frame;
  const seen = challenger.testDatasetId ? { seen: () => false, note: "the test dataset's rows" } : championRows(db, champion, repo.artifact<RunPredictionsDto>(champion.id, 'predictions'), challenger.datasetId);
  const picks: number[] = [];
  pb.rows.forEach((row, j) => {
    if (!seen.seen(row)) picks.push(j);
  });
  const n = picks.length;
  const rowsNote = `${n.toLocaleString('en-US')} of the challenger's ${pb.rows.length.toLocaleString('en-US')} held-out rows, those the champion never trained on (${seen.note})`;
  if (n === 0) throw new ApiError('conflict', `No held-out row is unseen by both models (${seen.note}); add new rows to the source`);
  if (ctx.cancelled()) return null;
  ctx.progress(0.2, 'predicting with the champion');
  const model = await loadPlanModel(modelA);
  let predA;
  try {
    predA = model.predict(takeRows(frame, picks.map((j) => pb.rows[j])));
  } finally {
    model.dispose();
  }
  const K = pb.classes?.length ?? 0;
  const actual = Float64Array.from(picks, (j) => pb.actual[j]);
  const a: Scored = { values: predA.values, probabilities: predA.probabilities };
  const b: Scored = {
    values: Float64Array.from(picks, (j) => pb.values[j]),
    probabilities: K ? Float64Array.from({ length: n * K }, (_, i) => pb.probabilities![picks[Math.floor(i / K)] * K + (i % K)]) : null,
  };
  const metric = headline(pb.classes);
  const correct = (s: Scored) => Array.from(s.values, (p, i) => p === actual[i]);
  return pairedAb({
    championRunId: champion.id, challengerRunId: challenger.id, metric, n, rowsNote, unit: 'rows',
    score: (rows) => ({ a: score(metric, K, actual, a, rows), b: score(metric, K, actual, b, rows) }),
    mcnemar: K ? mcnemar(correct(a), correct(b)) : null,
  }, args, ctx);
}
