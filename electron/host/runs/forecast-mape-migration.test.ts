/**
 * Migration 10 on a real forecast run's rows: its stored MAPE put back in percent, as an older Lathe
 * wrote it, and the migration run again must give back what this build writes, everywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastReportDto } from '../../../shared/api/forecast-dto';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import { databasePath } from '../paths';
import { openDatabase } from '../../data/db/open';

let fx: ReturnType<typeof coreFixture>;
beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'air.csv');
  fs.copyFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), file);
  await importFile(fx.core, { path: file, name: 'air' });
});
afterAll(() => fx.close());

/** Every MAPE a forecast report holds, in the report's order. */
const mapes = (r: ForecastReportDto) => [r.metrics.mape, ...r.perStep.map((s) => s.mape), ...r.candidates.map((c) => c.metrics.mape), ...r.series.map((s) => s.metrics.mape)];
const scaled = (r: ForecastReportDto, k: number): ForecastReportDto => ({
  ...r,
  metrics: { ...r.metrics, mape: r.metrics.mape * k },
  perStep: r.perStep.map((s) => ({ ...s, mape: s.mape * k })),
  candidates: r.candidates.map((c) => ({ ...c, metrics: { ...c.metrics, mape: c.metrics.mape * k } })),
  series: r.series.map((s) => ({ ...s, metrics: { ...s.metrics, mape: s.metrics.mape * k } })),
});

describe('migration 10 on a real forecast run', () => {
  it("brings an older build's percent MAPE back to the fraction this build stores, in the metrics, report and job", async () => {
    const { runId, jobId } = await fx.core.call('forecast.start', { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, windows: 3, model: 'auto' });
    await fx.core.jobResult('forecast.train', jobId);
    const now = (await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).forecast!;
    expect(mapes(now).every((m) => m > 0 && m < 1)).toBe(true);

    // The rows as an older build left them: MAPE in percent, schema at version 9.
    const db = openDatabase(databasePath(fx.home));
    const run = db.prepare('SELECT metrics_json FROM runs WHERE id = ?').get(runId) as { metrics_json: string };
    const metrics = JSON.parse(run.metrics_json);
    db.prepare('UPDATE runs SET metrics_json = ? WHERE id = ?').run(JSON.stringify({ ...metrics, mape: metrics.mape * 100 }), runId);
    db.prepare(`UPDATE artifacts SET data = ? WHERE run_id = ? AND kind = 'report'`).run(Buffer.from(JSON.stringify(scaled(now, 100))), runId);
    const job = JSON.parse((db.prepare('SELECT result_json FROM jobs WHERE id = ?').get(jobId) as { result_json: string }).result_json);
    db.prepare('UPDATE jobs SET result_json = ? WHERE id = ?').run(JSON.stringify({ ...job, metrics: { ...job.metrics, mape: job.metrics.mape * 100 } }), jobId);
    db.prepare('DELETE FROM schema_migrations WHERE version = 10').run();
    db.close();

    const again = openDatabase(databasePath(fx.home));
    const report = JSON.parse((again.prepare(`SELECT data FROM artifacts WHERE run_id = ? AND kind = 'report'`).get(runId) as { data: Buffer }).data.toString('utf8')) as ForecastReportDto;
    const back = mapes(report);
    mapes(now).forEach((m, i) => expect(back[i]).toBeCloseTo(m, 12));
    expect(scaled(report, 0)).toEqual(scaled(now, 0));
    expect(JSON.parse((again.prepare('SELECT metrics_json FROM runs WHERE id = ?').get(runId) as { metrics_json: string }).metrics_json).mape).toBeCloseTo(metrics.mape, 12);
    expect(JSON.parse((again.prepare('SELECT result_json FROM jobs WHERE id = ?').get(jobId) as { result_json: string }).result_json).metrics.mape).toBeCloseTo(job.metrics.mape, 12);
    again.close();
  });
});
