/**
 * Computes a drift report in this worker: both datasets loaded from SQLite as training does, the
 * reference cut to a model's training rows where it is a model version, the model's predictions of
 * both sides compared too, then the engine (models/monitor) with the settings of shared/monitor.ts.
 */
import { takeRows, type Column, type Frame } from '../../../models/frame/frame';
import { computeDrift, DriftInputError, type DriftColumn } from '../../../models/monitor/index';
import { ApiError } from '../../../shared/api/errors';
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { loadFrame } from '../../data/load-frame';
import type { Task } from '../protocol';
import { missingColumn, runPredictor, trainingRows, type PredictionValues } from './reference-rows';

function driftColumn(frame: Frame, name: string, kind: 'numeric' | 'categorical'): DriftColumn {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) throw new ApiError('bad_request', `Column '${name}' is gone from the dataset`, { field: 'columns', column: name });
  return kind === 'numeric' ? { name, kind, values: numbers(col) } : { name, kind, values: labels(col) };
}

function numbers(col: Column): Float64Array {
  if (col.values instanceof Float64Array) return col.values;
  return Float64Array.from(col.values, (v) => (v === null || v.trim() === '' ? Number.NaN : Number(v)));
}

/** Booleans arrive as 0/1 numbers: compared as the categories '0' and '1'. */
function labels(col: Column): (string | null)[] {
  if (!(col.values instanceof Float64Array)) return col.values;
  return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

const asColumn = (p: PredictionValues): DriftColumn => ({ name: 'prediction', ...p }) as DriftColumn;

export const driftTask: Task<'monitor.drift'> = async (a, ctx) => {
  ctx.progress(0, 'loading the reference');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    // A model version's reference is the version of the dataset its run trained on, not rows added since.
    const trained = a.reference.runId ? new RunsRepo(db).get(a.reference.runId, 0).datasetVersion ?? undefined : undefined;
    let ref = loadFrame(db, a.reference.datasetId, trained).frame;
    const notes = [...a.notes];
    if (a.reference.runId) {
      const t = trainingRows(db, a.reference.runId, ref);
      ref = takeRows(ref, t.rows);
      notes.push(`Reference: ${t.note}.`);
    }
    if (ctx.cancelled()) return null;
    ctx.progress(0.3, 'loading the current data');
    const cur = loadFrame(db, a.current.datasetId).frame;
    if (ctx.cancelled()) return null;
    let prediction: { reference: DriftColumn; current: DriftColumn } | undefined;
    if (a.reference.runId) {
      ctx.progress(0.5, 'predicting both sides');
      const model = runPredictor(db, a.reference.runId);
      const lacking = model ? missingColumn(cur, model.features) : null;
      if (model && lacking === null) {
        try {
          prediction = { reference: asColumn(model.predict(ref)), current: asColumn(model.predict(cur)) };
        } finally {
          model.dispose();
        }
      } else if (model) notes.push(`Prediction drift not computed: the current data has no column '${lacking}'.`);
      else notes.push('Prediction drift not computed: text models are not predicted here.');
    }
    if (ctx.cancelled()) return null;
    ctx.progress(0.7, 'comparing');
    const input = {
      reference: a.columns.map((c) => driftColumn(ref, c.name, c.kind)),
      current: a.columns.map((c) => driftColumn(cur, c.name, c.kind)),
      prediction,
      labels: { reference: a.reference.label, current: a.current.label },
    };
    try {
      const report = computeDrift(input);
      return { ...report, notes: [...notes, ...report.notes] };
    } catch (err) {
      if (err instanceof DriftInputError) throw new ApiError('bad_request', err.message, { field: 'columns', column: err.column });
      throw err;
    }
  } finally {
    db.close();
  }
};
