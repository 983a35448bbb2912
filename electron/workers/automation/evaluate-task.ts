/**
 * Champion against challenger for a retraining plan, in a worker: the challenger's stored held-out
 * predictions on the rows neither model trained on, the champion's predictions on the same rows from
 * its stored model, and the paired statistics `runs.compare` uses (paired bootstrap, McNemar).
 */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { PlanAbDto } from '../../../shared/automation/dto';
import type { PlanLiveMetricDto } from '../../../shared/automation/evaluate';
import type { ModelArtifact } from '../../../models/train/types';
import { loadModel } from '../../../models/train/loadModel';
import { takeRows } from '../../../models/frame/frame';
import { LOWER_IS_BETTER, mcnemar, pairedBootstrap, verdict } from '../../../models/stats/ab';
import { regressionMetrics } from '../../../models/metrics/regression';
import { classificationMetrics } from '../../../models/metrics/classification';
import type { Task } from '../protocol';
import { championRows } from './champion-rows';

/** Predictions of one model on the chosen rows, in the shape the metrics read. */
interface Scored {
  values: Float64Array;
  probabilities: Float64Array | null;
}

function tabular(artifact: unknown, who: string): ModelArtifact {
  const a = artifact as { format?: string } | null;
  if (!a || a.format !== 'lathe-model') throw new ApiError('bad_request', `The ${who}'s model is not a tabular model; plans retrain tabular regression and classification models`);
  return a as ModelArtifact;
}

const headline = (classes: unknown[] | null) => (classes ? 'accuracy' : 'rmse');

function score(metric: string, K: number, actual: Float64Array, s: Scored, rows: Uint32Array): number {
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

export const planEvaluateTask: Task<'automation.evaluate'> = async (args, ctx) => {
  ctx.progress(0, 'loading both models');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new RunsRepo(db);
    const champion = repo.get(args.championRunId, 0);
    const challenger = repo.get(args.challengerRunId, 0);
    const modelA = tabular(repo.artifact(champion.id, 'model'), 'champion');
    tabular(repo.artifact(challenger.id, 'model'), 'challenger');
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
    const model = loadModel(modelA);
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
    const all = new Uint32Array(n).map((_, i) => i);
    const difference = pairedBootstrap(n, (rows) => ({ a: score(metric, K, actual, a, rows), b: score(metric, K, actual, b, rows) }), {
      resamples: args.resamples, seed: 20261124,
      onProgress: (f) => {
        if (ctx.cancelled()) throw new Error('cancelled');
        ctx.progress(0.3 + 0.7 * f, 'paired bootstrap');
      },
    });
    const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));
    const v = verdict(metric, difference, args.margin, fmt);
    const correct = (s: Scored) => Array.from(s.values, (p, i) => p === actual[i]);
    const result: PlanAbDto = {
      a: champion.id, b: challenger.id, metric, lowerIsBetter: LOWER_IS_BETTER.has(metric),
      valueA: score(metric, K, actual, a, all), valueB: score(metric, K, actual, b, all), rows: n,
      difference: { ...difference, resamples: args.resamples }, margin: args.margin, verdict: v.verdict, text: v.text,
      mcnemar: K ? mcnemar(correct(a), correct(b)) : null, correctedT: null, mode: args.mode, rowsNote,
    };
    return result;
  } finally {
    db.close();
  }
};

/** The champion's headline metric on the rows it never trained on: the metric trigger's live value. */
export const planLiveMetricTask: Task<'automation.liveMetric'> = async (args, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new RunsRepo(db);
    const champion = repo.get(args.championRunId, 0);
    const artifact = tabular(repo.artifact(champion.id, 'model'), 'champion');
    const metric = headline(artifact.classes);
    const baseline = champion.metrics?.[metric] ?? null;
    const { frame } = loadFrame(db, args.datasetId);
    const seen = championRows(db, champion, repo.artifact<RunPredictionsDto>(champion.id, 'predictions'), args.datasetId);
    const rows = Array.from({ length: frame.rowCount }, (_, i) => i).filter((i) => !seen.seen(i));
    const out: PlanLiveMetricDto = { metric, lowerIsBetter: LOWER_IS_BETTER.has(metric), value: null, baseline, rows: 0 };
    const sub = takeRows(frame, rows);
    const target = sub.columns.find((c) => c.name === artifact.target);
    if (!target || rows.length === 0) return out;
    const model = loadModel(artifact);
    try {
      const pred = model.predict(sub);
      const K = artifact.classes?.length ?? 0;
      const y: number[] = [];
      const keep: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const raw = target.values[i];
        if (raw === null || (typeof raw === 'number' && Number.isNaN(raw))) continue;
        const yi = K ? artifact.classes!.findIndex((c) => String(c) === String(raw)) : Number(raw);
        if (K && yi < 0) continue;
        y.push(yi);
        keep.push(i);
      }
      if (keep.length === 0) return out;
      const value = score(metric, K, Float64Array.from(y), { values: Float64Array.from(keep, (i) => pred.values[i]), probabilities: K ? Float64Array.from({ length: keep.length * K }, (_, i) => pred.probabilities![keep[Math.floor(i / K)] * K + (i % K)]) : null }, new Uint32Array(keep.length).map((_, i) => i));
      return { ...out, value, rows: keep.length };
    } finally {
      model.dispose();
    }
  } finally {
    db.close();
  }
};
