/**
 * What a model version was trained on, read back from its run: the rows of its training dataset
 * that the split kept for training (a random or time split: every labelled row outside the test
 * rows the run stored; k-fold and a separate test dataset: every labelled row), and the model
 * itself for prediction drift.
 */
import type { Database } from 'better-sqlite3';
import { isMissing, type Frame } from '../../../models/frame/frame';
import { isTextArtifact, loadModel, type RunArtifact } from '../../../models/train/index';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import { RunsRepo } from '../../data/db/repos/runs-repo';

export interface TrainingRows {
  rows: Uint32Array;
  note: string;
}

export function trainingRows(db: Database, runId: string, frame: Frame): TrainingRows {
  const repo = new RunsRepo(db);
  const args = repo.args(runId);
  const target = frame.columns.find((c) => c.name === args.target);
  const labelled = (r: number) => !target || !isMissing(target, r);
  const held = new Set<number>();
  let note = `all labelled rows (${args.split.kind} split)`;
  if (args.split.kind === 'random' || args.split.kind === 'time') {
    const predictions = repo.artifact<RunPredictionsDto>(runId, 'predictions');
    if (predictions) {
      for (const r of predictions.rows) held.add(r);
      note = `the ${args.split.kind} split's training rows (${held.size} test rows left out)`;
    } else note = `all labelled rows: the run stored no test rows of its ${args.split.kind} split`;
  }
  const rows: number[] = [];
  for (let r = 0; r < frame.rowCount; r++) if (labelled(r) && !held.has(r)) rows.push(r);
  return { rows: Uint32Array.from(rows), note };
}

export type PredictionValues = { kind: 'numeric'; values: Float64Array } | { kind: 'categorical'; values: (string | null)[] };

/**
 * The run's model as a predictor of one value per row: the value (regression), the second class's
 * probability (two classes) or the predicted class (more); null for text models.
 */
export function runPredictor(db: Database, runId: string): { predict: (frame: Frame) => PredictionValues; features: string[]; dispose: () => void } | null {
  const artifact = new RunsRepo(db).artifact<RunArtifact>(runId, 'model');
  if (!artifact || isTextArtifact(artifact)) return null;
  const model = loadModel(artifact);
  return {
    features: artifact.features,
    dispose: () => model.dispose(),
    predict(frame) {
      const p = model.predict(frame);
      if (!p.probabilities || !p.labels) return { kind: 'numeric', values: p.values };
      const k = p.probabilities.length / Math.max(1, p.values.length);
      if (k === 2) return { kind: 'numeric', values: Float64Array.from({ length: p.values.length }, (_, i) => p.probabilities![i * 2 + 1]) };
      return { kind: 'categorical', values: p.labels.map((l) => String(l)) };
    },
  };
}

/** The first column the model reads that the frame lacks, or null. */
export function missingColumn(frame: Frame, names: readonly string[]): string | null {
  const have = new Set(frame.columns.map((c) => c.name));
  return names.find((n) => !have.has(n)) ?? null;
}
