import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { tempHome } from '../../../tests/helpers/temp-home';
import { importCsvText } from '../../../tests/helpers/core-fixture';
import { csvIn, registerChampion, rising, rows, writeCsv } from '../../../tests/helpers/plan-fixture';

let home: ReturnType<typeof tempHome>;
let core: Core;

const csv = (header: string, lines: (string | number)[][]) => [header, ...lines.map((r) => r.join(','))].join('\n') + '\n';
const day = (d: number) => new Date(Date.UTC(2026, 1, 23 + d)).toISOString().slice(0, 10); // a Monday, then the week after

beforeEach(() => {
  home = tempHome();
  core = createCore({ home: home.dir, host: 'cli' });
});
afterEach(async () => {
  await core.close();
  home.cleanup();
});

/**
 * Champion: linear on y = 2x; the source grows with rows of the same relation, so the newest rows alone
 * would not fire a floor of 5. Predictions of ids 1..40 (predicted_y = 2x); two outcome sets over one
 * week: 'calm' within 1 of them, 'off' 10 above them.
 */
async function setup() {
  const file = csvIn(home.dir, 'sales');
  writeCsv(file, rows(100, rising, 1));
  await registerChampion(core, file, 'sales', 'sales-model');
  const fx = { core, home: home.dir };
  await importCsvText(fx, 'preds', csv('id,x,predicted_y', Array.from({ length: 40 }, (_, i) => [i + 1, i / 4, i / 2])));
  await importCsvText(fx, 'calm', csv('id,y,at', Array.from({ length: 40 }, (_, i) => [i + 1, i / 2 + (i % 2 ? 0.5 : -0.5), day(i % 7)])));
  await importCsvText(fx, 'off', csv('id,y,at', Array.from({ length: 40 }, (_, i) => [i + 1, i / 2 + 10, day(i % 7)])));
  writeCsv(file, [...rows(100, rising, 1), ...rows(200, rising, 6)]);
  return { name: 'live', model: 'sales-model', source: { kind: 'file' as const, path: file } };
}

describe('metric trigger on live outcomes', { timeout: 120_000 }, () => {
  it('fires when the latest outcomes window is past the floor, and not when it is within it', async () => {
    const base = await setup();
    await core.call('automation.create', { ...base, triggers: { metricFloor: 5, outcomes: { predictions: 'preds', outcomes: 'calm', key: 'id' } } });
    expect(await core.call('automation.runDue', {})).toEqual([]);
    await core.call('automation.delete', { plan: 'live' });
    await core.call('automation.create', { ...base, triggers: { metricFloor: 5, outcomes: { predictions: 'preds', outcomes: 'off', key: 'id' } } });
    const [fired] = await core.call('automation.runDue', {});
    expect(fired).toMatchObject({ planName: 'live', trigger: 'metric', triggerNote: expect.stringMatching(/^Live outcomes: rmse 10 in .* \(40 rows\) is above the floor 5/) });
  });

  it('takes the floor as a fraction of the champion\'s recorded metric', async () => {
    const base = await setup();
    await core.call('automation.create', { ...base, triggers: { metricFraction: 0.5, outcomes: { predictions: 'preds', outcomes: 'calm' } } });
    expect(await core.call('automation.runDue', {})).toEqual([]);
    await core.call('automation.delete', { plan: 'live' });
    await core.call('automation.create', { ...base, triggers: { metricFraction: 0.5, outcomes: { predictions: 'preds', outcomes: 'off' } } });
    const [fired] = await core.call('automation.runDue', {});
    expect(fired).toMatchObject({ trigger: 'metric', triggerNote: expect.stringMatching(/\(0\.5 of the champion's recorded rmse\)$/) });
  });

  it('an update that names one trigger keeps the others, live outcomes included', async () => {
    const base = await setup();
    await core.call('automation.create', { ...base, triggers: { schedule: '0 3 * * *', metricFloor: 5, outcomes: { predictions: 'preds', outcomes: 'off', key: 'id' } } });
    const updated = await core.call('automation.update', { plan: 'live', patch: { triggers: { metricFloor: 4 } } });
    expect(updated.triggers).toMatchObject({ schedule: '0 3 * * *', metricFloor: 4, outcomes: { predictions: 'preds', outcomes: 'off', key: 'id' } });
    const cleared = await core.call('automation.update', { plan: 'live', patch: { triggers: { outcomes: null } } });
    expect(cleared.triggers).toMatchObject({ schedule: '0 3 * * *', metricFloor: 4, outcomes: null });
  });

  it('checks the outcomes at create, naming the field, and needs a floor', async () => {
    const base = await setup();
    await expect(core.call('automation.create', { ...base, triggers: { metricFloor: 5, outcomes: { predictions: 'preds', outcomes: 'off', key: 'order' } } }))
      .rejects.toMatchObject({ code: 'bad_request', details: { field: 'triggers.outcomes.key' }, message: expect.stringMatching(/has no column 'order'/) });
    await expect(core.call('automation.create', { ...base, triggers: { metricFloor: 5, outcomes: { predictions: 'nope', outcomes: 'off' } } }))
      .rejects.toMatchObject({ details: { field: 'triggers.outcomes.predictions' } });
    await expect(core.call('automation.create', { ...base, triggers: { outcomes: { predictions: 'preds', outcomes: 'off' } } }))
      .rejects.toMatchObject({ details: { field: 'triggers.metricFloor' } });
    expect(await core.call('automation.list', {})).toEqual([]);
  });
});
