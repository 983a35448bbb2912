import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';
import { bumpSemver, compareSemver } from '../../data/db/repos/registry-repo';

let fx: ReturnType<typeof coreFixture>;
const runs: string[] = [];

beforeAll(async () => {
  fx = coreFixture();
  await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv'), name: 'housing' });
  for (const args of [{ family: 'linear' as const }, { family: 'gbdt' as const, params: { trees: 30 } }, { family: 'gbdt' as const, params: { trees: 30 }, exclude: ['ocean_proximity'] }]) {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: 'housing', target: 'median_house_value', ...args });
    expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
    runs.push(runId);
  }
});
afterAll(() => fx.close());

describe('model registry', () => {
  it('orders and bumps semantic versions', () => {
    expect(['1.10.0', '1.9.0', '2.0.0'].sort(compareSemver)).toEqual(['1.9.0', '1.10.0', '2.0.0']);
    expect(bumpSemver('1.2.3', 'minor')).toBe('1.3.0');
    expect(bumpSemver('1.2.3', 'major')).toBe('2.0.0');
  });

  it('registers versions with lineage, bumping major when the inputs change', async () => {
    const v1 = await fx.core.call('models.register', { runId: runs[0], name: 'prices' });
    expect(v1).toMatchObject({ version: '1.0.0', family: 'linear', target: 'median_house_value', datasetName: 'housing', seed: 42 });
    expect(v1.datasetSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await fx.core.call('models.register', { runId: runs[1], name: 'prices' })).version).toBe('1.1.0');
    // Excluding a column changes the input schema: a breaking change.
    expect((await fx.core.call('models.register', { runId: runs[2], name: 'prices' })).version).toBe('2.0.0');
    await expect(fx.core.call('models.register', { runId: runs[2], name: 'prices' })).rejects.toThrow(/already prices@2.0.0/);
  });

  it('promotes with an audited history and rolls back step by step', async () => {
    await fx.core.call('models.promote', { name: 'prices', version: '1.0.0', alias: 'production', note: 'first' });
    await fx.core.call('models.promote', { name: 'prices', version: '1.1.0', alias: 'production', note: 'better rmse' });
    let d = await fx.core.call('models.promote', { name: 'prices', version: '2.0.0', alias: 'production' });
    expect(d.aliases.production).toBe('2.0.0');
    d = await fx.core.call('models.rollback', { name: 'prices', alias: 'production', note: 'drift' });
    expect(d.aliases.production).toBe('1.1.0');
    d = await fx.core.call('models.rollback', { name: 'prices', alias: 'production' });
    expect(d.aliases.production).toBe('1.0.0');
    expect(d.history.slice(0, 2).map((h) => [h.action, h.fromVersion, h.toVersion])).toEqual([
      ['rollback', '1.1.0', '1.0.0'],
      ['rollback', '2.0.0', '1.1.0'],
    ]);
    expect(d.history.at(-1)).toMatchObject({ action: 'set', fromVersion: null, toVersion: '1.0.0', note: 'first' });
    await expect(fx.core.call('models.rollback', { name: 'prices', alias: 'production' })).rejects.toThrow(/no earlier version/);
    const listed = await fx.core.call('models.list', {});
    expect(listed[0]).toMatchObject({ name: 'prices', versions: 3, latestVersion: '2.0.0', aliases: { production: '1.0.0' } });
  });

  it('warns when a version scores worse than the one in production, before and after registering', async () => {
    const [linear, gbdt] = [runs[0], runs[1]];
    const rmse = async (id: string) => (await fx.core.call('runs.get', { id })).metrics!.rmse;
    expect(await rmse(linear)).toBeGreaterThan(await rmse(gbdt));
    // No production version yet: nothing to warn about.
    expect((await fx.core.call('models.registerCheck', { runId: linear, name: 'warned' })).warning).toBeNull();
    await fx.core.call('models.register', { runId: gbdt, name: 'warned' });
    await fx.core.call('models.promote', { name: 'warned', version: '1.0.0', alias: 'production' });

    const { warning } = await fx.core.call('models.registerCheck', { runId: linear, name: 'warned' });
    expect(warning).toMatch(new RegExp(`^Run ${linear.slice(0, 8)} scores worse than production \\(warned@1\\.0\\.0\\): RMSE [\\d,]+ against [\\d,]+\\.$`));
    const v = await fx.core.call('models.register', { runId: linear, name: 'warned' });
    expect(v.version).toBe('1.1.0');
    expect(v.warning).toBe(warning);
    // The better run (in production itself) and unknown models draw no warning.
    expect((await fx.core.call('models.registerCheck', { runId: gbdt, name: 'warned' })).warning).toBeNull();
    expect((await fx.core.call('models.registerCheck', { runId: linear, name: 'no-such-model' })).warning).toBeNull();
  });

  it('refuses unknown versions and bad names with a clear error', async () => {
    await expect(fx.core.call('models.promote', { name: 'prices', version: '9.9.9', alias: 'staging' })).rejects.toThrow(/has no version 9.9.9/);
    await expect(fx.core.call('models.register', { runId: runs[0], name: '../etc' })).rejects.toThrow(/Invalid argument 'name'/);
  });
});
