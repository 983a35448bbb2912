/**
 * Plans on a recommender champion: the challenger is the champion's recommender spec on the new version,
 * both are scored per user on held-out interactions neither trained on, and the alias moves only when the
 * challenger wins. Popularity on presence data keeps it fast and its lists easy to reason about.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { csvIn, planCoreEach } from '../../../tests/helpers/plan-fixture';
import { mulberry32 } from '../../../models/split/prng';

let dir = '';
let core: Core;
planCoreEach((c, d) => ([core, dir] = [c, d]));

/** `users` users (PREFIX0…), each with `per` distinct items of PREFIX-items 0…9, lower ones more often. */
function likes(userPrefix: string, users: number, itemPrefix: string, per: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let u = 0; u < users; u++) {
    const mine = new Set<number>();
    while (mine.size < per) mine.add(Math.floor(10 * rand() * rand()));
    for (const i of mine) out.push(`${userPrefix}${u},${itemPrefix}${i}`);
  }
  return out;
}

const write = (file: string, lines: string[]) => fs.writeFileSync(file, ['customer,product', ...lines].join('\n') + '\n');
const history = async () => (await core.call('models.get', { name: 'shop' })).history;

/** A recommender (popularity unless told) on 60 users' likes of a0…a9, registered as shop@production. */
async function champion(file: string, model: { model: 'popularity' } | { model: 'mf'; params: Record<string, number> } = { model: 'popularity' }): Promise<string> {
  write(file, likes('u', 60, 'a', 6, 1));
  await core.jobResult('datasets.import', (await core.call('datasets.import', { path: file, name: 'likes' })).jobId);
  const run = await core.call('recommend.start', { dataset: 'likes', user: 'customer', item: 'product', ...model });
  await core.jobResult('recommend.train', run.jobId);
  const v = await core.call('models.register', { runId: run.runId, name: 'shop' });
  await core.call('models.promote', { name: 'shop', version: v.version, alias: 'production' });
  return run.runId;
}

describe('plans on recommender champions', { timeout: 120_000 }, () => {
  it('promotes a challenger that learned the new items, judged per user on interactions neither trained on', async () => {
    const file = csvIn(dir, 'likes');
    const championRunId = await champion(file);
    await core.call('automation.create', { name: 'p', model: 'shop', source: { kind: 'file', path: file } });
    // Tastes moved to a new range of items b0…b9, which the champion never saw.
    write(file, [...likes('u', 60, 'a', 6, 1), ...likes('u', 60, 'b', 6, 2), ...likes('n', 60, 'b', 6, 3)]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run).toMatchObject({ decision: 'promoted', championRunId, dataVersion: 2, aliasMove: { alias: 'production', fromVersion: '1.0.0', toVersion: '1.1.0' } });
    expect(run.ab).toMatchObject({ metric: 'ndcg', lowerIsBetter: false, unit: 'users', verdict: 'b-better' });
    expect(run.ab!.valueB).toBeGreaterThan(run.ab!.valueA);
    expect(run.ab!.rows).toBeGreaterThanOrEqual(20);
    expect(run.ab!.rowsNote).toMatch(/users with a relevant held-out interaction neither model trained on/);
    expect(run.reason).toMatch(/NDCG .* \(champion\) vs .* \(challenger\) on \d+ held-out users/);
    expect(await core.call('runs.get', { id: run.challengerRunId! })).toMatchObject({ task: 'recommend', family: 'popularity', datasetVersion: 2 });
    expect(await history()).toHaveLength(before.length + 1);
  });

  it('fires the metric trigger when the champion’s ndcg on interactions it did not train on falls below a fraction of its own', async () => {
    const file = csvIn(dir, 'likes');
    await champion(file);
    const baseline = (await core.call('models.get', { name: 'shop' })).versions[0].metrics!.ndcgAt10;
    expect(baseline).toBeGreaterThan(0);
    await core.call('automation.create', { name: 'm', model: 'shop', source: { kind: 'file', path: file }, triggers: { metricFraction: 0.5 } });
    // New users with the same tastes: the champion does not know them (left out); its own users' held-out likes score about its baseline.
    write(file, [...likes('u', 60, 'a', 6, 1), ...likes('n', 30, 'a', 6, 4)]);
    expect(await core.call('automation.runDue', {})).toEqual([]);
    // Its users now like items b0…b9 it never saw: it cannot rank them, so its ndcg on what they like now collapses.
    write(file, [...likes('u', 60, 'a', 6, 1), ...likes('n', 30, 'a', 6, 4), ...likes('u', 60, 'b', 6, 5)]);
    const [fired] = await core.call('automation.runDue', {});
    expect(fired).toMatchObject({ planName: 'm', trigger: 'metric' });
    expect(fired.triggerNote).toMatch(new RegExp(`^NDCG [\\d.]+ on 60 newest users is worse than 0.5 of the champion's ${baseline.toPrecision(4)}$`));
  });

  it('an incremental plan folds the new users and items into the champion (mf) and judges the result', async () => {
    const file = csvIn(dir, 'likes');
    const championRunId = await champion(file, { model: 'mf', params: { factors: 4, epochs: 10 } });
    await core.call('automation.create', { name: 'p', model: 'shop', source: { kind: 'file', path: file }, incremental: true });
    write(file, [...likes('u', 60, 'a', 6, 1), ...likes('u', 60, 'b', 6, 2), ...likes('n', 60, 'b', 6, 3)]);
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(['promoted', 'kept']).toContain(run.decision);
    expect(run.ab).toMatchObject({ metric: 'ndcg', unit: 'users' });
    const challenger = await core.call('runs.get', { id: run.challengerRunId! });
    expect(challenger).toMatchObject({ warmStartFrom: championRunId, family: 'mf', datasetVersion: 2 });
    expect(challenger.recommend!.notes[0]).toMatch(/mf folds in .*60 new users and 10 new items folded in/);
  });

  it('keeps a challenger misled by new interactions and leaves the alias history alone', async () => {
    const file = csvIn(dir, 'likes');
    await champion(file);
    await core.call('automation.create', { name: 'p', model: 'shop', source: { kind: 'file', path: file } });
    // 400 one-click accounts push junk items up the counts; the real users still like what they liked.
    const bots = Array.from({ length: 400 }, (_, i) => `bot${i},junk${i % 10}`);
    write(file, [...likes('u', 60, 'a', 6, 1), ...bots]);
    const before = await history();
    const run = await core.call('automation.runNow', { plan: 'p', wait: true });
    expect(run.decision).toBe('kept');
    expect(run.ab).toMatchObject({ metric: 'ndcg', unit: 'users' });
    expect(run.ab!.valueB).toBeLessThan(run.ab!.valueA);
    expect(run.reason).toMatch(/^Kept shop@1\.0\.0: the challenger is not better/);
    expect(run.aliasMove).toBeNull();
    expect(await history()).toEqual(before);
  });
});
