import { openDatabase } from '../../data/db/open';
import { loadFrame } from '../../data/load-frame';
import { isTextArtifact, trainRun, type RunArtifact, type SplitSpec, type TrainResult } from '../../../models/train/index';
import { calibrationCurve, confusionMatrix } from '../../../models/metrics/classification';
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_FOLDS } from '../../../shared/api/methods/runs';
import type { TrainJobArgs } from '../../../shared/api/jobs';
import type { RunPredictionsDto, RunReportDto } from '../../../shared/api/runs-dto';
import type { Task } from '../protocol';
import { backendReport, selectBackend } from '../../../models/mlp/backend';
import type { Frame } from '../../../models/frame/frame';
import { alignTestLabels } from './align-labels';
import { loadWarmStart } from './warm-start';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { isBusy } from '../../data/db/busy';
import { FitSequence, type RunCheckpoint, type TrainCheckpoint } from '../../../models/nn/train/checkpoint';
import type { NetworkSpec } from '../../../shared/nn/spec';
import { textnetSpecOf } from '../../../models/text/textnet';
import type { TextModelJSON } from '../../../models/text/types';

/**
 * Trains one run in this worker: loads the rows, fits, reports curves live, returns the artifact.
 * The host checked the columns and resolved the task and every parameter before it started.
 */
export const trainTask: Task<'runs.train'> = async (a, ctx) => {
  const t0 = performance.now();
  ctx.progress(0, 'loading data');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const { frame } = loadFrame(db, a.datasetId);
    const loadedTest = a.testDatasetId ? loadFrame(db, a.testDatasetId).frame : null;
    const aligned = loadedTest ? alignTestLabels(frame, loadedTest, a.target) : null;
    const test = aligned?.frame ?? null;
    const split = splitOf(a, test);
    const warm = loadWarmStart(db, a.warmStartFrom, a.family);
    const network = a.family === 'mlp' || a.family === 'textnet';
    const backend = network ? await selectBackend() : 'typescript-cpu';
    ctx.facts?.({ backend });
    const runs = new RunsRepo(db);
    const stored = a.resume ? runs.artifact<TrainCheckpoint | RunCheckpoint>(a.runId, 'checkpoint') : null;
    if (a.resume && !stored) throw new ApiError('bad_request', 'The run has no checkpoint to resume from', { field: 'id' });
    // Networks: the state after each epoch, kept on the run until it succeeds, so a stop is resumable.
    const save = (c: { epoch: number }) => {
      try {
        runs.saveCheckpoint(a.runId, c);
      } catch (err) {
        // A busy database skips this epoch's checkpoint; the next epoch's replaces it.
        if (!isBusy(err)) throw err;
      }
    };
    // A network k-fold run trains one per fold and a final one: the run's checkpoint holds each fit's last.
    const fits = network && split.kind === 'kfold' ? new FitSequence(stored as RunCheckpoint | null, save) : undefined;
    const resumeFrom = fits ? undefined : ((stored as TrainCheckpoint | null) ?? undefined);
    const result = await trainRun(
      frame,
      { target: a.target, task: a.task, exclude: a.exclude, family: a.family, params: a.params, seed: a.seed, split, warmStart: warm?.artifact },
      {
        onProgress: (f, m) => ctx.progress(0.02 + 0.96 * f, m),
        onMetrics: (step, values) => ctx.metrics(step, values),
        shouldStop: () => ctx.cancelled(),
        onCheckpoint: save,
        resumeFrom,
        fits,
      },
    );
    if (result.cancelled || ctx.cancelled()) return null;
    // Networks: the backend chain tried and what trained the batches (the WebAssembly kernel or a TF.js backend).
    const device = backend === 'typescript-cpu' ? null : backendReport();
    return {
      task: result.task, metrics: result.metrics, backend: device?.trainedOn ?? backend, durationMs: performance.now() - t0, artifact: result.artifact,
      report: { ...report(result, split, frame, test), notes: [...(warm ? [warm.note] : []), ...(aligned?.notes ?? []), ...(result.notes ?? [])], ...(device ? { device } : {}) },
      predictions: predictionsOf(result, split, frame, test),
    };
  } finally {
    db.close();
  }
};

function splitOf(a: TrainJobArgs, test: Frame | null): SplitSpec {
  switch (a.split.kind) {
    case 'holdout':
      // The host refuses a holdout split without a test dataset; a vanished one is still named.
      if (!test) throw new ApiError('bad_request', "A 'holdout' split needs a test dataset", { field: 'testDataset' });
      return { kind: 'holdout', test };
    case 'time':
      return { kind: 'time', column: a.split.column ?? '', testFraction: a.split.testFraction };
    case 'kfold':
      return { kind: 'kfold', k: a.split.k ?? DEFAULT_FOLDS, seed: a.seed };
    case 'random':
      return { kind: 'random', testFraction: a.split.testFraction, seed: a.seed };
  }
}

/** The test predictions row by row, kept for paired comparisons between runs. */
function predictionsOf(r: TrainResult<RunArtifact>, split: SplitSpec, frame: Frame, test: Frame | null): RunPredictionsDto {
  const source = split.kind === 'holdout' && test ? test : frame;
  const target = source.columns.find((c) => c.name === r.artifact.target)!;
  const index = r.classes ? new Map(r.classes.map((c, i) => [String(c), i])) : null;
  const rows = Array.from(r.predictions.rows);
  const actual = rows.map((row) => {
    const v = target.values[row];
    return index ? (index.get(String(v)) ?? -1) : (v as number);
  });
  return {
    rows,
    actual,
    values: Array.from(r.predictions.values),
    probabilities: r.predictions.probabilities ? Array.from(r.predictions.probabilities) : null,
    classes: r.classes,
  };
}

/** ROC and precision-recall points, walking thresholds from the highest score down (ties together). */
export function rocPr(y: number[], p: number[]): { roc: NonNullable<RunReportDto['roc']>; pr: NonNullable<RunReportDto['pr']> } {
  const order = p.map((_, i) => i).sort((a, b) => p[b] - p[a]);
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  const roc = [{ fpr: 0, tpr: 0 }];
  const pr: { recall: number; precision: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (y[order[k]] === 1) tp++;
    else fp++;
    if (k + 1 < order.length && p[order[k + 1]] === p[order[k]]) continue;
    roc.push({ fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0 });
    pr.push({ recall: pos ? tp / pos : 0, precision: tp / (tp + fp) });
  }
  const thin = <T,>(xs: T[]) => (xs.length <= 200 ? xs : xs.filter((_, i) => i % Math.ceil(xs.length / 200) === 0 || i === xs.length - 1));
  return { roc: thin(roc), pr: thin(pr) };
}

/** Confusion matrix, calibration and residuals from the test predictions. */
function report(r: TrainResult<RunArtifact>, split: SplitSpec, frame: Frame, test: Frame | null): RunReportDto {
  const source = split.kind === 'holdout' && test ? test : frame;
  const target = source.columns.find((c) => c.name === r.artifact.target)!;
  const n = r.predictions.rows.length;
  const classes = r.classes;
  let confusion: RunReportDto['confusion'] = null;
  let calibration: RunReportDto['calibration'] = null;
  let residuals: RunReportDto['residuals'] = null;
  let roc: RunReportDto['roc'] = null;
  let pr: RunReportDto['pr'] = null;
  if (classes) {
    const index = new Map(classes.map((c, i) => [String(c), i]));
    const yTrue: number[] = [];
    const yPred: number[] = [];
    const pPos: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = target.values[r.predictions.rows[i]];
      const k = index.get(typeof v === 'number' ? String(v) : String(v));
      if (k === undefined) continue;
      yTrue.push(k);
      yPred.push(r.predictions.values[i]);
      if (classes.length === 2 && r.predictions.probabilities) pPos.push(r.predictions.probabilities[i * 2 + 1]);
    }
    confusion = { labels: classes.map(String), matrix: confusionMatrix(yTrue, yPred, classes.length) };
    if (pPos.length) {
      calibration = calibrationCurve(yTrue, pPos, 10);
      ({ roc, pr } = rocPr(yTrue, pPos));
    }
  } else {
    const step = Math.max(1, Math.floor(n / 2000));
    residuals = [];
    for (let i = 0; i < n; i += step) residuals.push({ actual: target.values[r.predictions.rows[i]] as number, predicted: r.predictions.values[i] });
  }
  const model = r.artifact.model as { format?: string; spec?: NetworkSpec };
  const a = r.artifact;
  return {
    classes,
    network: model.format === 'lathe-mlp' ? (model.spec ?? null) : isTextArtifact(a) && a.family === 'textnet' ? textnetSpecOf(a.model as TextModelJSON) : null,
    ...importanceOf(r),
    confusion,
    calibration,
    roc,
    pr,
    intervals: r.intervals,
    foldMetrics: r.foldMetrics ?? null,
    residuals,
    testRows: n,
    features: r.artifact.features,
    notes: [],
  };
}

type ImportanceParts = Pick<RunReportDto, 'importance' | 'importanceKind' | 'permutation' | 'gain' | 'coefficients'>;

/** Text runs: their top terms. Tabular runs: permutation on input columns first, with gain and coefficients beside. */
function importanceOf(r: TrainResult<RunArtifact>): ImportanceParts {
  const items = (xs: { feature: string; importance: number; std: number }[]) =>
    xs.map((f) => ({ feature: f.feature, importance: f.importance, std: f.std }));
  const a = r.artifact;
  if (isTextArtifact(a)) return { importance: items(r.importance), importanceKind: a.family === 'lexicon' ? 'lexicon' : 'coefficient' };
  const v = r.importanceViews ?? {};
  const parts: ImportanceParts = {
    importance: items(r.importance),
    importanceKind: v.gain && !v.permutation ? 'gain' : 'permutation',
  };
  if (v.permutation) parts.permutation = { metric: v.permutation.metric, rows: v.permutation.rows, repeats: v.permutation.repeats };
  if (v.gain) parts.gain = items(v.gain);
  if (v.coefficients) parts.coefficients = v.coefficients.map((c) => ({ ...c }));
  return parts;
}
