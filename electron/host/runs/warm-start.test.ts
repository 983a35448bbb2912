import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';

let fx: ReturnType<typeof coreFixture>;
let early: string, later: string, renamed: string;

/** Rows of the housing sample in file order: the earlier rows, then the later ones, as two datasets. */
beforeAll(async () => {
  fx = coreFixture();
  const lines = fs.readFileSync(path.join(samplesDir(), 'california_housing/housing.csv'), 'utf8').trim().split('\n');
  const [header, ...rows] = lines;
  // A spread of the state in both parts: every fourth row starts the later part.
  const first = rows.filter((_, i) => i % 4 !== 0).slice(0, 3000);
  const second = rows.filter((_, i) => i % 4 === 0).slice(0, 1500);
  early = await importCsvText(fx, 'early', [header, ...first].join('\n'));
  later = await importCsvText(fx, 'later', [header, ...second].join('\n'));
  renamed = await importCsvText(fx, 'renamed', [header.replace('total_rooms', 'rooms'), ...second].join('\n'));
});
afterAll(() => fx.close());

async function train(args: ArgsOf<'runs.start'>): Promise<string> {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  const job = await fx.core.ctx.jobs.wait(jobId);
  expect(job.status, job.error?.message).toBe('succeeded');
  return runId;
}

const trees = (runId: string) => (fx.core.ctx.repos.runs.artifact<{ model: { trees: unknown[] } }>(runId, 'model')!).model.trees.length;
const base = { target: 'median_house_value', params: { trees: 40 } };

describe('continuing a run on new data (warmStartFrom)', () => {
  it('records where it continued from, adds trees, and re-runs exactly', async () => {
    const champion = await train({ ...base, dataset: early });
    const next = await train({ ...base, dataset: later, warmStartFrom: champion.slice(0, 8) });
    const run = await fx.core.call('runs.get', { id: next });
    // Stored resolved to the full run id, whatever reference was given.
    expect(run.warmStartFrom).toBe(champion);
    expect(run.report!.notes.some((n) => n.startsWith(`Continued from run ${champion.slice(0, 8)}`))).toBe(true);
    expect(trees(next)).toBeGreaterThan(trees(champion));
    expect((await fx.core.call('runs.get', { id: champion })).warmStartFrom).toBeNull();

    const { runId: again, jobId } = await fx.core.call('runs.rerun', { id: next });
    await fx.core.ctx.jobs.wait(jobId);
    expect((await fx.core.call('runs.get', { id: again })).warmStartFrom).toBe(champion);
    expect(fx.core.ctx.repos.runs.artifact(again, 'model')).toEqual(fx.core.ctx.repos.runs.artifact(next, 'model'));
  });

  it('refuses, before anything is recorded, a run it cannot continue: unknown run, other column, family or target', async () => {
    const champion = await train({ ...base, dataset: early });
    const before = (await fx.core.call('runs.list', {})).length;
    const refused = async (args: ArgsOf<'runs.start'>): Promise<ApiError> => {
      const err = await fx.core.call('runs.start', args).then(() => null, (e: ApiError) => e);
      expect(err).not.toBeNull();
      expect((err!.details as { field?: string }).field).toBe('warmStartFrom');
      return err!;
    };
    expect((await refused({ ...base, dataset: later, warmStartFrom: 'abcdef12' })).message).toMatch(/abcdef12/);
    expect((await refused({ ...base, dataset: renamed, warmStartFrom: champion })).message).toMatch(/'total_rooms'/);
    expect((await refused({ ...base, dataset: later, exclude: ['population'], warmStartFrom: champion })).message).toMatch(/'population'/);
    expect((await refused({ ...base, dataset: later, family: 'forest', warmStartFrom: champion })).message).toMatch(/gbdt, this run is forest/);
    expect((await refused({ dataset: later, target: 'median_income', warmStartFrom: champion })).message).toMatch(/'median_house_value'/);
    expect((await fx.core.call('runs.list', {})).length).toBe(before);
  });
});
