/** `lathe automation` on a forecast champion: the live metric trigger, created and fired from the command line. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../host/core';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { tempHome } from '../../tests/helpers/temp-home';
import { csvIn } from '../../tests/helpers/plan-fixture';
import { storeSales, writeStoreSales } from '../../tests/helpers/store-sales';

let home: ReturnType<typeof tempHome>;
let core: Core | null;
const lathe = latheIn(() => home.dir);

beforeEach(() => {
  home = tempHome();
  core = null;
});
afterEach(async () => {
  await core?.close();
  home.cleanup();
});

describe('lathe automation on a forecast', { timeout: 180_000 }, () => {
  it('create --metric-floor, then run-due --json fires when the forecast error on the newest windows passes it', async () => {
    core = createCore({ home: home.dir, host: 'cli' });
    const file = csvIn(home.dir, 'sales');
    writeStoreSales(file, storeSales(0, 60, () => 10, 1));
    await core.jobResult('datasets.import', (await core.call('datasets.import', { path: file, name: 'sales' })).jobId);
    const run = await core.call('forecast.start', { dataset: 'sales', time: 'date', target: 'sales', series: 'store', horizon: 6, model: 'ets', params: { error: 'A', trend: 'N', season: 'N' } });
    await core.jobResult('forecast.train', run.jobId);
    const v = await core.call('models.register', { runId: run.runId, name: 'stores' });
    await core.call('models.promote', { name: 'stores', version: v.version, alias: 'production' });
    await core.close();
    core = null;
    const created = lathe('--json', 'automation', 'create', '--name', 'floor', '--model', 'stores', '--source', file, '--metric-floor', '5');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'floor', triggers: { metricFloor: 5 } });
    writeStoreSales(file, [...storeSales(0, 60, () => 10, 1), ...storeSales(60, 30, () => 40, 2)]);
    const due = lathe('--json', 'automation', 'run-due');
    expect(due.code).toBe(0);
    const [fired] = JSON.parse(due.stdout);
    expect(fired).toMatchObject({ decision: expect.any(String), planRun: { planName: 'floor', trigger: 'metric', triggerNote: expect.stringMatching(/^MAE [\d.]+ on 120 newest points is worse than the floor 5$/) } });
  });
});
