import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';

let fx: ReturnType<typeof coreFixture>;
let housing: string;

beforeAll(async () => {
  fx = coreFixture();
  housing = (await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv') })).id;
});
afterAll(() => fx.close());

describe('runs read well', () => {
  it('records the backend while the run is still training, before its result', async () => {
    const seen: { status: string; backend: string | null }[] = [];
    const off = fx.core.ctx.events.subscribe((event, payload) => {
      const runId = (payload as { runId?: string | null }).runId;
      if (event !== 'runs.changed' || !runId) return;
      const r = fx.core.ctx.repos.runs.get(runId, 2);
      seen.push({ status: r.status, backend: r.backend });
    });
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', params: { trees: 40 } });
    await fx.core.ctx.jobs.wait(jobId);
    off();
    expect(seen.some((s) => s.status === 'running' && s.backend === 'typescript-cpu')).toBe(true);
    expect((await fx.core.call('runs.get', { id: runId })).backend).toBe('typescript-cpu');
  });

  it('names a run, lists the name, and clears it with a blank name', async () => {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', family: 'linear' });
    await fx.core.ctx.jobs.wait(jobId);
    expect((await fx.core.call('runs.get', { id: runId })).name).toBeNull();

    const named = await fx.core.call('runs.update', { id: runId, name: '  baseline ridge  ', tags: ['baseline'] });
    expect(named.name).toBe('baseline ridge');
    expect(named.tags).toEqual(['baseline']);
    const listed = (await fx.core.call('runs.list', {})).find((r) => r.id === runId)!;
    expect(listed.name).toBe('baseline ridge');

    // Notes alone leave the name as it was.
    expect((await fx.core.call('runs.update', { id: runId, notes: 'first try' })).name).toBe('baseline ridge');
    expect((await fx.core.call('runs.update', { id: runId, name: '   ' })).name).toBeNull();
    await expect(fx.core.call('runs.update', { id: runId, name: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
