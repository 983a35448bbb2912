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

/** "1.2" and "1.2.0" name the same version. */
const sameVersion = (a: string, b: string) => a.replace(/(\.0)+$/, '') === b.replace(/(\.0)+$/, '');

/**
 * Rows of a server log to join: served prediction lines (of one version when asked), or feedback lines.
 * Shadow and unserved canary lines share their id with the served one and would otherwise be joined instead.
 */
export function logRows(frame: Frame, kind: 'prediction' | 'feedback', version: string | null): { rows: number[]; note: string | null } {
  const type = texts(column(frame, 'type', kind === 'prediction' ? 'predictions' : 'outcomes'));
  const served = kind === 'prediction' && frame.columns.some((c) => c.name === 'served') ? numbers(column(frame, 'served', 'predictions')) : null;
  const versions = version !== null ? texts(column(frame, 'version', 'predictions')) : null;
  const rows: number[] = [];
  const seen = new Set<string>();
  let other = 0;
  for (let i = 0; i < type.length; i++) {
    if (type[i] !== kind) continue;
    if (served && served[i] !== 1) {
      other++;
      continue;
    }
    const v = versions?.[i] ?? null;
    if (version !== null && v !== null && !sameVersion(v, version)) {
      seen.add(v);
      other++;
      continue;
    }
    rows.push(i);
  }
  if (kind === 'prediction' && version !== null && rows.length === 0 && seen.size > 0) {
    throw new ApiError('bad_request', `The prediction log holds no served prediction of version ${version} (it has ${[...seen].sort().join(', ')})`, { field: 'predictions' });
  }
  const note = kind === 'prediction' && other > 0 ? `The prediction log: ${rows.length} served prediction(s)${version !== null ? ` of version ${version}` : ''} joined; ${other} other line(s) (shadow, unserved or other versions) left out.` : null;
  return { rows, note };
}

const pick = <T>(xs: readonly T[], rows: number[] | null): T[] => (rows ? rows.map((i) => xs[i]) : [...xs]);
const pickTime = (xs: Float64Array | undefined, rows: number[] | null) => (xs && rows ? Float64Array.from(rows, (i) => xs[i]) : xs);

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
    const values = (col: Column): (number | string | null)[] => (a.task === 'regression' ? Array.from(numbers(col)) : texts(col));
    const time = (frame: Frame) => (c.time ? numbers(column(frame, c.time, 'time')) : undefined);
    const p = a.logs.predictions ? logRows(pred, 'prediction', a.logs.version) : null;
    const o = a.logs.outcomes ? logRows(out, 'feedback', null).rows : null;
    try {
      const r = computeOutcomes({
        task: a.task,
        predictions: {
          keys: pick(texts(column(pred, c.key, 'key')), p?.rows ?? null),
          values: pick(values(column(pred, c.predicted, 'predicted')), p?.rows ?? null),
          time: a.timeFrom === 'predictions' ? pickTime(time(pred), p?.rows ?? null) : undefined,
        },
        outcomes: {
          keys: pick(texts(column(out, c.key, 'key')), o),
          values: pick(values(column(out, c.actual, 'actual')), o),
          time: a.timeFrom === 'outcomes' ? pickTime(time(out), o) : undefined,
        },
        window: a.window,
      });
      if (p?.note) r.notes.unshift(p.note);
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
