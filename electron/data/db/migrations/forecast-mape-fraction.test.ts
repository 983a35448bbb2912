/** Migration 10 on a database written before it: forecast MAPE in percent becomes a fraction, nothing else moves. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../open';
import { migrations } from './index';
import { tempHome } from '../../../../tests/helpers/temp-home';

const homes: { cleanup(): void }[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

const NOW = '2026-01-01T00:00:00.000Z';
const metricsOf = (mape: number | null) => ({ mae: 12.5, rmse: 15.25, mape, smape: 3.2, mase: 0.71, coverage95: 0.9 });
/** A forecast report as the worker wrote it, MAPE in percent (NaN was written as null). */
const oldReport = {
  model: 'auto',
  metrics: metricsOf(3.1),
  perStep: [{ step: 1, ...metricsOf(2.5) }, { step: 2, ...metricsOf(null) }, { step: 3, ...metricsOf(4) }],
  candidates: [{ model: 'ets', describe: 'ETS(M,A,M)', metrics: metricsOf(3.1), chosen: true }, { model: 'theta', describe: 'Theta', metrics: metricsOf(7.25), chosen: false }],
  // Numbers a rewrite must keep to the last digit, and text beyond ASCII.
  series: [{ id: 'a', history: [{ t: 0, y: 0.30000000000000004 }, { t: 1, y: 1.5e-7 }], metrics: metricsOf(3.1), describe: 'Optimized Theta (θ = 16.19)' }, { id: 'b', history: [], metrics: metricsOf(12), describe: 'ETS(A,N,N)' }],
  notes: ['Scored on 5 origins — 180 points'],
};

function putRun(db: Database, id: string, task: string, forecast: boolean, metrics: object): void {
  db.prepare(`INSERT INTO runs (id, task, family, status, metrics_json, forecast_json, created_at) VALUES (?, ?, ?, 'succeeded', ?, ?, ?)`)
    .run(id, task, forecast ? 'auto' : 'gbdt', JSON.stringify(metrics), forecast ? JSON.stringify({ model: 'auto' }) : null, NOW);
}

function putArtifact(db: Database, runId: string, kind: string, value: object): void {
  const data = Buffer.from(JSON.stringify(value));
  db.prepare('INSERT INTO artifacts (id, run_id, kind, content_type, sha256, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(`${runId}:${kind}`, runId, kind, 'application/json', createHash('sha256').update(data).digest('hex'), data.length, data, NOW);
}

function putJob(db: Database, id: string, kind: string, result: object): void {
  db.prepare(`INSERT INTO jobs (id, kind, title, status, result_json, created_at) VALUES (?, ?, ?, 'succeeded', ?, ?)`).run(id, kind, id, JSON.stringify(result), NOW);
}

/** A database at migration 9 holding a forecast run, a regression run and their jobs, then opened by this build. */
function migrated(): Database {
  const h = tempHome();
  homes.push(h);
  const file = path.join(h.dir, 'lathe.db');
  const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 10) });
  putRun(old, 'fc', 'forecast', true, metricsOf(3.1));
  putArtifact(old, 'fc', 'report', oldReport);
  putArtifact(old, 'fc', 'predictions', { actual: [100], values: [103.1], mape: 3.1 });
  putRun(old, 'nan', 'forecast', true, metricsOf(null));
  putRun(old, 'reg', 'regression', false, { rmse: 47022, mae: 30982, r2: 0.836, mape: 0.166 });
  putArtifact(old, 'reg', 'report', { metrics: { mape: 0.166 }, perStep: [{ mape: 0.2 }] });
  putJob(old, 'j-fc', 'forecast.train', { runId: 'fc', task: 'forecast', metrics: metricsOf(3.1) });
  putJob(old, 'j-cmp', 'runs.compare', { metric: 'mape', valueA: 0.031, valueB: 0.05, dieboldMariano: { meanDiff: -1.9, statistic: -2.1 } });
  putJob(old, 'j-cmp-mae', 'runs.compare', { metric: 'mae', valueA: 3, valueB: 5, dieboldMariano: { meanDiff: -2, statistic: -2.1 } });
  putJob(old, 'j-reg', 'runs.train', { runId: 'reg', metrics: { mape: 0.166 } });
  old.close();
  return openDatabase(file);
}

const metrics = (db: Database, id: string) => JSON.parse((db.prepare('SELECT metrics_json FROM runs WHERE id = ?').get(id) as { metrics_json: string }).metrics_json);
const artifact = (db: Database, id: string) => db.prepare('SELECT data, sha256, size FROM artifacts WHERE id = ?').get(id) as { data: Buffer; sha256: string; size: number };
const result = (db: Database, id: string) => JSON.parse((db.prepare('SELECT result_json FROM jobs WHERE id = ?').get(id) as { result_json: string }).result_json);

describe('migration 10: forecast MAPE as a fraction', () => {
  it("divides a forecast run's MAPE by 100 and leaves its other metrics, NaN and tabular runs alone", () => {
    const db = migrated();
    expect(metrics(db, 'fc')).toEqual({ ...metricsOf(0.031), mape: expect.closeTo(0.031, 15) });
    expect(metrics(db, 'fc').smape).toBe(3.2);
    expect(metrics(db, 'nan').mape).toBeNull();
    expect(metrics(db, 'reg')).toEqual({ rmse: 47022, mae: 30982, r2: 0.836, mape: 0.166 });
    db.close();
  });

  it('divides it everywhere in the report, in order, and records the new hash and size', () => {
    const db = migrated();
    const stored = artifact(db, 'fc:report');
    expect(Buffer.isBuffer(stored.data)).toBe(true);
    const report = JSON.parse(stored.data.toString('utf8'));
    expect(report.metrics.mape).toBeCloseTo(0.031, 15);
    expect(report.perStep.map((s: { step: number; mape: number | null }) => [s.step, s.mape])).toEqual([[1, 0.025], [2, null], [3, 0.04]]);
    expect(report.candidates.map((c: { model: string; metrics: { mape: number } }) => [c.model, c.metrics.mape])).toEqual([['ets', 0.031], ['theta', 0.0725]]);
    expect(report.series.map((s: { id: string; metrics: { mape: number } }) => [s.id, s.metrics.mape])).toEqual([['a', 0.031], ['b', 0.12]]);
    // Everything else is as it was.
    expect({ ...report, metrics: oldReport.metrics, perStep: oldReport.perStep, candidates: oldReport.candidates, series: oldReport.series }).toEqual(oldReport);
    expect(report.series[0].history).toEqual(oldReport.series[0].history);
    expect(report.perStep[0].smape).toBe(3.2);
    expect(stored.sha256).toBe(createHash('sha256').update(stored.data).digest('hex'));
    expect(stored.size).toBe(stored.data.length);
    // Only reports hold it; a tabular run's report is a fraction already.
    expect(JSON.parse(artifact(db, 'fc:predictions').data.toString('utf8')).mape).toBe(3.1);
    expect(JSON.parse(artifact(db, 'reg:report').data.toString('utf8'))).toEqual({ metrics: { mape: 0.166 }, perStep: [{ mape: 0.2 }] });
    db.close();
  });

  it("divides the fitting job's result and a MAPE comparison's Diebold–Mariano difference, nothing else", () => {
    const db = migrated();
    expect(result(db, 'j-fc').metrics.mape).toBeCloseTo(0.031, 15);
    expect(result(db, 'j-fc').metrics.smape).toBe(3.2);
    expect(result(db, 'j-cmp')).toEqual({ metric: 'mape', valueA: 0.031, valueB: 0.05, dieboldMariano: { meanDiff: -0.019, statistic: -2.1 } });
    expect(result(db, 'j-cmp-mae').dieboldMariano.meanDiff).toBe(-2);
    expect(result(db, 'j-reg').metrics.mape).toBe(0.166);
    db.close();
  });
});
