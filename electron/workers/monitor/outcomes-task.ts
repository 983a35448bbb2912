/**
 * Live metrics in this worker: the predictions and outcomes datasets loaded from SQLite, their
 * key, predicted, actual and time columns read, then the engine joins and windows them.
 */
import type { Column, Frame } from '../../../models/frame/frame';
import { computeOutcomes, OutcomesInputError } from '../../../models/monitor/outcomes';
import { ApiError } from '../../../shared/api/errors';
import { openDatabase } from '../../data/db/open';
import { loadFrame } from '../../data/load-frame';
import type { Task } from '../protocol';

function column(frame: Frame, name: string, field: string): Column {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) throw new ApiError('bad_request', `Column '${name}' is gone from the dataset`, { field, column: name });
  return col;
}

/** Keys and labels compare as text: an integer id 17 and the text '17' are the same key. */
function texts(col: Column): (string | null)[] {
  if (!(col.values instanceof Float64Array)) return col.values.map((v) => (v === null ? null : v.trim()));
  return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

function numbers(col: Column): Float64Array {
  if (col.values instanceof Float64Array) return col.values;
  return Float64Array.from(col.values, (v) => (v === null || v.trim() === '' ? Number.NaN : Number(v)));
}

export const outcomesTask: Task<'monitor.outcomes'> = async (a, ctx) => {
  ctx.progress(0, 'loading the predictions');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const pred = loadFrame(db, a.predictionsId).frame;
    if (ctx.cancelled()) return null;
    ctx.progress(0.4, 'loading the outcomes');
    const out = loadFrame(db, a.outcomesId).frame;
    if (ctx.cancelled()) return null;
    ctx.progress(0.8, 'joining and scoring');
    const c = a.columns;
    const values = (col: Column) => (a.task === 'regression' ? Array.from(numbers(col)) : texts(col));
    const time = (frame: Frame) => (c.time ? numbers(column(frame, c.time, 'time')) : undefined);
    try {
      const r = computeOutcomes({
        task: a.task,
        predictions: { keys: texts(column(pred, c.key, 'key')), values: values(column(pred, c.predicted, 'predicted')), time: a.timeFrom === 'predictions' ? time(pred) : undefined },
        outcomes: { keys: texts(column(out, c.key, 'key')), values: values(column(out, c.actual, 'actual')), time: a.timeFrom === 'outcomes' ? time(out) : undefined },
        window: a.window,
      });
      return {
        model: a.model,
        task: a.task,
        metric: a.metric,
        lowerIsBetter: a.metric === 'rmse',
        baseline: a.baseline,
        columns: c,
        window: typeof a.window === 'number' ? { rows: a.window } : { by: a.window },
        ...r,
      };
    } catch (err) {
      if (err instanceof OutcomesInputError) throw new ApiError('bad_request', err.message, { field: err.field });
      throw err;
    }
  } finally {
    db.close();
  }
};
