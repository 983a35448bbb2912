/**
 * Builds an ensemble of registered models in this worker: loads the members and the data they were scored
 * on, fits the combination (models/ensemble) and returns a run's parts, each member scored on the same rows.
 */
import { openDatabase } from '../../data/db/open';
import { loadFrame } from '../../data/load-frame';
import { buildEnsemble, type BuiltEnsemble } from '../../../models/ensemble/build';
import { calibrationCurve, confusionMatrix } from '../../../models/metrics/classification';
import type { Frame } from '../../../models/frame/frame';
import type { RunPredictionsDto, RunReportDto } from '../../../shared/api/runs-dto';
import type { BuiltEnsembleDto } from '../../../shared/api/jobs';
import type { Task } from '../protocol';
import { alignTestLabels } from './align-labels';
import { rocPr } from './train-task';
import { asBadRequest, loadMembers, whyNotShared } from './ensemble-members';

export const ensembleTask: Task<'models.ensemble'> = async (a, ctx) => {
  const t0 = performance.now();
  ctx.progress(0, 'loading the members');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  let built: BuiltEnsemble;
  let members: ReturnType<typeof loadMembers>;
  let notShared: string | null;
  const notes: string[] = [];
  try {
    members = loadMembers(db, a.members);
    notShared = whyNotShared(members);
    const first = members[0];
    const target = first.member.artifact.target;
    const train = loadFrame(db, first.run.datasetId!).frame;
    let evalFrame: Frame = train;
    if (first.run.testDatasetId) {
      const aligned = alignTestLabels(train, loadFrame(db, first.run.testDatasetId).frame, target);
      evalFrame = aligned.frame;
      notes.push(...aligned.notes);
    }
    const evalRows = first.preds.rows;
    const held = new Set(first.run.testDatasetId ? [] : evalRows);
    const trainRows = Array.from({ length: train.rowCount }, (_, i) => i).filter((i) => !held.has(i));
    if (notShared) notes.push(`Scored on ${first.member.ref}'s held-out rows; ${notShared}, so the other members may have trained on some of them.`);
    try {
      built = await buildEnsemble({
        members: members.map((m) => m.member), method: a.method, frame: evalFrame, evalRows, notShared,
        stacking: a.method === 'stacking' ? { frame: train, rows: trainRows, refits: members.map((m) => m.refit), seed: first.run.seed ?? 0 } : undefined,
        hooks: { onProgress: (f, m) => ctx.progress(0.02 + 0.9 * f, m), shouldStop: () => ctx.cancelled() },
      });
    } catch (err) {
      if (ctx.cancelled()) return null;
      asBadRequest(err);
    }
  } finally {
    db.close();
  }
  if (ctx.cancelled()) return null;
  const artifact = built.artifact;
  const ensemble = {
    method: a.method, weights: artifact.weights, notShared,
    members: members.map((m, i) => ({
      ref: m.member.ref, runId: m.member.runId, family: m.member.artifact.family, weight: artifact.weights?.[i] ?? null, metrics: built.memberMetrics[i],
    })),
  };
  const predictions: RunPredictionsDto = { ...built.predictions, classes: artifact.classes };
  const out: BuiltEnsembleDto = {
    task: artifact.task, metrics: built.metrics, backend: 'typescript-cpu', durationMs: performance.now() - t0, artifact,
    report: { ...reportOf(built, notes), ensemble }, predictions,
  };
  return out;
};

/** The parts of a run's report that an ensemble has: confusion, calibration and ROC, or residuals. */
function reportOf(b: BuiltEnsemble, notes: string[]): RunReportDto {
  const { artifact: e, predictions: p } = b;
  const n = p.rows.length;
  let confusion: RunReportDto['confusion'] = null, calibration: RunReportDto['calibration'] = null, residuals: RunReportDto['residuals'] = null;
  let roc: RunReportDto['roc'] = null, pr: RunReportDto['pr'] = null;
  if (e.classes) {
    confusion = { labels: e.classes.map(String), matrix: confusionMatrix(p.actual, p.values, e.classes.length) };
    if (e.classes.length === 2 && p.probabilities) {
      const pPos = p.actual.map((_, i) => p.probabilities![i * 2 + 1]);
      calibration = calibrationCurve(p.actual, pPos, 10);
      ({ roc, pr } = rocPr(p.actual, pPos));
    }
  } else {
    const step = Math.max(1, Math.floor(n / 2000));
    residuals = [];
    for (let i = 0; i < n; i += step) residuals.push({ actual: p.actual[i], predicted: p.values[i] });
  }
  return {
    classes: e.classes, importance: [], importanceKind: 'permutation', confusion, calibration, roc, pr, intervals: null,
    foldMetrics: null, residuals, testRows: n, features: e.features, notes,
  };
}
