/**
 * A plan whose source was rewritten with its rows in another order: the rows the champion trained on are
 * still told apart from the new ones (by content once they moved past their old places), so the champion
 * is never judged on its own training rows.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { csvIn, falling, planCoreEach, registerChampion, rising, rows, writeCsv } from '../../../tests/helpers/plan-fixture';

let dir = '';
let core: Core;
planCoreEach((c, d) => ([core, dir] = [c, d]));

describe('plans on a source whose rows moved', { timeout: 120_000 }, () => {
  it('counts the champion’s training rows as seen wherever they moved, and says how many', async () => {
    const file = csvIn(dir, 'sales');
    const old = rows(100, rising, 1);
    writeCsv(file, old);
    const championRunId = await registerChampion(core, file, 'sales', 'sales-model');
    const heldOut = (await core.call('runs.get', { id: championRunId, maxPoints: 0 })).report!.testRows;
    expect(heldOut).toBeGreaterThan(0);
    await core.call('automation.create', { name: 'p', model: 'sales-model', source: { kind: 'file', path: file } });
    // An export that now lists the new rows first and the old ones after them, reversed.
    writeCsv(file, [...rows(400, falling, 2), ...old.slice().reverse()]);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.dataVersion).toBe(2);
    // Every old row the champion trained on moved past row 100: all of them are matched, its own held-out rows are not.
    expect(run.ab!.rowsNote).toContain(`rows past the 100 of version 1 the champion trained on, and the ${heldOut} rows it held out itself, less ${100 - heldOut} later rows equal in every column to one it trained on`);
    // Judged on new rows (y = 30 − 3x) and the champion's own held-out rows only: the challenger follows the new relation.
    expect(run.decision).toBe('promoted');
  });
});
