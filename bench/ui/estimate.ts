import Database from 'better-sqlite3';
import { databasePath } from '../../electron/host/paths';
import { lttb, type XY } from '../../renderer/charts/downsample';

export interface DownsampleEstimate {
  points: number;
  /** Every point read into JS, then LTTB. */
  sqlMs: number;
  lttbMs: number;
  /** Min and max per bucket computed by SQLite (`GROUP BY step / width`), nothing else read. */
  sqlBucketsMs: number;
}

/** What a host-side downsampled curve would cost, two ways. */
export function downsampleEstimate(home: string, runId: string, points = 2000): DownsampleEstimate {
  const db = new Database(databasePath(home), { readonly: true });
  const t0 = performance.now();
  const rows = db.prepare("SELECT step, value FROM metric_points WHERE run_id = ? AND name = 'valid' ORDER BY step").raw().all(runId) as XY[];
  const t1 = performance.now();
  const out = lttb(rows, points);
  const t2 = performance.now();
  const width = Math.max(1, Math.ceil(rows.length / (points / 2)));
  db.prepare("SELECT step / ? AS b, MIN(step), MIN(value), MAX(value) FROM metric_points WHERE run_id = ? AND name = 'valid' GROUP BY b").raw().all(BigInt(width), runId);
  const t3 = performance.now();
  db.close();
  return { points: out.length, sqlMs: Math.round(t1 - t0), lttbMs: Math.round(t2 - t1), sqlBucketsMs: Math.round(t3 - t2) };
}
