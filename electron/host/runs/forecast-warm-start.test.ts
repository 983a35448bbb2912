/** Forecast runs continued from an earlier run refit on the new series, record where they came from, and refuse other columns. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { ApiError } from '../../../shared/api/errors';

let fx: ReturnType<typeof coreFixture>;

beforeAll(async () => {
  fx = coreFixture();
  const [header, ...rows] = fs.readFileSync(path.join(samplesDir(), 'airline_passengers/airline-passengers.csv'), 'utf8').trim().split('\n');
  const file = path.join(fx.home, 'air.csv');
  fs.writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
  await importFile(fx.core, { path: file, name: 'air' });
});
afterAll(() => fx.close());

const air = { dataset: 'air', time: 'Month', target: 'Passengers', horizon: 6, model: 'ets' as const };

describe('continuing a forecast run', () => {
  it('refits, notes the run it continued from, and refuses another model and an unknown run', async () => {
    const first = await fx.core.call('forecast.start', air);
    await fx.core.jobResult('forecast.train', first.jobId);
    const next = await fx.core.call('forecast.start', { ...air, warmStartFrom: first.runId });
    await fx.core.jobResult('forecast.train', next.jobId);
    const run = await fx.core.call('runs.get', { id: next.runId });
    expect(run.warmStartFrom).toBe(first.runId);
    expect(run.forecast!.notes[0]).toMatch(new RegExp(`^Continued from run ${first.runId.slice(0, 8)}: ets refits`));
    const refused = async (args: Parameters<typeof fx.core.call<'forecast.start'>>[1]) =>
      fx.core.call('forecast.start', args).then(() => null, (e: ApiError) => e);
    const other = await refused({ ...air, model: 'theta', warmStartFrom: first.runId });
    expect(other?.message).toMatch(/is ets, this run is theta/);
    const tabular = await refused({ ...air, warmStartFrom: 'ffffffff' });
    expect((tabular?.details as { field?: string }).field).toBe('warmStartFrom');
  });
});
