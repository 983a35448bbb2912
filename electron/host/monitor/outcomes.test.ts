import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText, importFile } from '../../../tests/helpers/core-fixture';
import { latheIn } from '../../../tests/helpers/lathe-cli';
import { checkOutcomeFloor } from './outcomes-service';

let fx: ReturnType<typeof coreFixture>;
const lathe = latheIn(() => fx.home);

const csv = (header: string, rows: (string | number)[][]) => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
const day = (d: number) => new Date(Date.UTC(2024, 2, 4 + d)).toISOString().slice(0, 10); // 2024-03-04 is a Monday

beforeAll(async () => {
  fx = coreFixture();
  await importCsvText(fx, 'train', csv('x,y', Array.from({ length: 120 }, (_, i) => [i, 2 * i + ((i * 7) % 5) - 2])));
  const { runId, jobId } = await fx.core.call('runs.start', { dataset: 'train', target: 'y', family: 'linear' });
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  await fx.core.call('models.register', { runId, name: 'line' });
  // Predictions of ids 1..40; outcomes of ids 1..30 and 99 (never predicted) over two weeks, the second week off by 10.
  await importCsvText(fx, 'preds', csv('id,x,predicted_y', Array.from({ length: 40 }, (_, i) => [i + 1, i, 2 * i])));
  await importCsvText(fx, 'actuals', csv('id,y,at', [...Array.from({ length: 30 }, (_, i) => [i + 1, i < 15 ? 2 * i + 1 : 2 * i + 10, day(i < 15 ? i % 7 : 7 + (i % 7))]), [99, 5, day(0)]]));
  await importCsvText(fx, 'actuals_no_time', csv('id,price', [[1, 3]]));
  // A model server's log: each row scored by the stable version (served) and a canary (not served), then its feedback.
  const line = (o: object) => JSON.stringify(o);
  const log = (version: string) => Array.from({ length: 6 }, (_, i) => [
    line({ type: 'prediction', id: `p${i}`, time: `2024-03-0${4 + (i % 2)}T10:00:00Z`, version, role: 'stable', served: true, inputs: { x: i }, output: 2 * i, latencyMs: 1 }),
    line({ type: 'prediction', id: `p${i}`, time: `2024-03-0${4 + (i % 2)}T10:00:00Z`, version: '1.1', role: 'candidate', served: false, inputs: { x: i }, output: 100, latencyMs: 1 }),
    line({ type: 'feedback', id: `p${i}`, time: `2024-03-0${4 + (i % 2)}T12:00:00Z`, actual: 2 * i + 1, matched: true }),
  ]).flat().join('\n') + '\n';
  for (const [name, version] of [['serving_log', '1.0'], ['other_log', '3.0.0']]) {
    const file = path.join(fx.home, `${name}.jsonl`);
    fs.writeFileSync(file, log(version));
    await importFile(fx.core, { path: file, name });
  }
});
afterAll(() => fx.close());

describe('live metrics from outcomes', () => {
  it('joins outcomes to a version’s predictions and scores each week against its test score', async () => {
    const r = await fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals' });
    expect(r.columns).toEqual({ key: 'id', predicted: 'predicted_y', actual: 'y', time: 'at' });
    expect(r.task).toBe('regression');
    expect(r.metric).toBe('rmse');
    expect(r.baseline).toBeGreaterThan(0);
    expect(r.matched).toBe(30);
    expect(r.unmatchedOutcomes).toBe(1);
    expect(r.awaitingOutcome).toBe(10);
    expect(r.windows.map((w) => [w.label, w.n])).toEqual([
      ['week of 2024-03-04', 15],
      ['week of 2024-03-11', 15],
    ]);
    expect(r.windows[0].metrics.mae.value).toBeCloseTo(1, 9);
    expect(r.windows[1].metrics.mae.value).toBeCloseTo(10, 9);
    expect(r.windows[1].metrics.bias.value).toBeCloseTo(-10, 9);
    const byRows = await fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals', window: 10 });
    expect(byRows.windows.map((w) => w.n)).toEqual([10, 10, 10]);
  });

  it("joins a model server's log: the served predictions of the version to their feedback", async () => {
    const r = await fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'serving_log', outcomes: 'serving_log', window: 'day' });
    expect(r.columns).toEqual({ key: 'id', predicted: 'output', actual: 'actual', time: 'time' });
    expect(r.matched).toBe(6);
    expect(r.unmatchedOutcomes).toBe(0);
    // The canary's 100s are left out: every served prediction is off by exactly 1.
    expect(r.overall.metrics.mae.value).toBeCloseTo(1, 12);
    expect(r.windows.map((w) => [w.label, w.n])).toEqual([['2024-03-04', 3], ['2024-03-05', 3]]);
    expect(r.notes[0]).toMatch(/6 served prediction\(s\) of version 1\.0\.0 joined; 6 other line/);
    await expect(fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'other_log', outcomes: 'other_log' })).rejects.toThrow(/no served prediction of version 1\.0\.0 \(it has 3\.0\.0\)/);
  });

  it('names the missing column before any job starts', async () => {
    const jobsBefore = (await fx.core.call('jobs.list', {})).length;
    await expect(fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'actuals', outcomes: 'actuals' })).rejects.toThrow(/predictions dataset 'actuals' has no column 'predicted_y'/);
    await expect(fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals_no_time' })).rejects.toThrow(/outcomes dataset 'actuals_no_time' has no column 'y'/);
    await expect(fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals', key: 'order' })).rejects.toThrow(/has no column 'order'/);
    await expect(fx.core.call('monitor.outcomes', { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals_no_time', actual: 'price', window: 'day' })).rejects.toThrow(/need a date column/);
    expect((await fx.core.call('jobs.list', {})).length).toBe(jobsBefore);
  });

  it('tells a metric floor whether the latest window breached it', async () => {
    const c = await checkOutcomeFloor(fx.core.ctx, { model: 'line@1.0.0', predictions: 'preds', outcomes: 'actuals' }, 5);
    expect(c.metric).toBe('rmse');
    expect(c.breached).toBe(true);
    expect(c.confident).toBe(true);
    expect(c.reason).toMatch(/above the floor 5/);
  });

  it('answers from the CLI, as JSON and as a table', () => {
    const json = lathe('--json', 'outcomes', '--model', 'line@1.0.0', '--predictions', 'preds', '--outcomes', 'actuals', '--window', 'week');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).windows).toHaveLength(2);
    const table = lathe('outcomes', '--model', 'line@1.0.0', '--predictions', 'preds', '--outcomes', 'actuals', '--window', '15');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/rows 16–30\s+15\s+10 \[/);
    const bad = lathe('outcomes', '--model', 'line@1.0.0', '--predictions', 'preds', '--outcomes', 'actuals', '--predicted', 'guess');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no column 'guess'/);
  });
});
