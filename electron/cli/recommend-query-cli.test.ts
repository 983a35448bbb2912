/** `lathe recommend` and recommend.query are two doors to one answer; refusals name the flag. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { recommendFiles } from '../../tests/helpers/recommend-data';
import { parsePreferences, recommendQueryFromCli } from './commands/recommend';
import { recommendSweepFromCli } from './commands/recommend-train';
import { latheIn } from '../../tests/helpers/lathe-cli';

let fx: ReturnType<typeof coreFixture>;
let runId = '';
let tabularId = '';

const lathe = latheIn(() => fx.home);

beforeAll(async () => {
  fx = coreFixture();
  const f = recommendFiles({ users: 40, items: 30, perUser: 10 });
  for (const [name, text] of [['ratings', f.ratings], ['books', f.items]]) {
    const file = path.join(fx.home, `${name}.csv`);
    fs.writeFileSync(file, text);
    await importFile(fx.core, { path: file, name });
  }
  const rec = await fx.core.call('recommend.start', { dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', itemFeatures: 'books', itemKey: 'book_id', model: 'item-knn', seed: 2 });
  await fx.core.jobResult('recommend.train', rec.jobId);
  runId = rec.runId;
  const tab = await fx.core.call('runs.start', { dataset: 'ratings', target: 'stars', family: 'linear', exclude: ['user', 'book'] });
  await fx.core.jobResult('runs.train', tab.jobId);
  tabularId = tab.runId;
}, 60_000);
afterAll(() => fx.close());

describe('lathe recommend', () => {
  it('--json prints the answer recommend.query gives', async () => {
    const r = lathe('recommend', '--model', runId, '--user', 'u3', '--k', '4', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout);
    expect(Object.keys(cli).sort()).toEqual(['durationMs', 'history', 'how', 'items', 'members']);
    const api = await fx.core.call('recommend.query', { model: runId, user: 'u3', k: 4 });
    expect(cli.items).toEqual(api.items);
    expect(cli.history).toEqual(api.history);
    expect(cli.how).toBe('item-knn for a known user');
    expect(cli.items).toHaveLength(4);
  }, 30_000);

  it('prints a table: rank, item, label, score, reason; a group adds each member’s scores', () => {
    const user = lathe('recommend', '--model', runId, '--user', 'u3', '--k', '3');
    expect(user.code).toBe(0);
    const lines = user.stdout.split('\n');
    expect(lines[0]).toMatch(/^item-knn for a known user · \d+\.\d ms$/);
    expect(lines[1]).toMatch(/^rank\s+item\s+label\s+score\s+reason$/);
    expect(lines[2]).toMatch(/^1\s+1\d\d\s+Book \d+\s+\S+\s+Because you liked Book \d+$/);
    expect(user.stdout).toMatch(/\nhistory \(10 of 10\):\nitem\s+label\s+value/);
    const group = lathe('recommend', '--model', runId, '--group', 'u1,u3,newcomer', '--strategy', 'fair', '--k', '3');
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^group of 3 \(fair\); 1 member the model does not know/);
    expect(group.stdout).toMatch(/\nrank\s+item\s+label\s+score\s+u1\s+u3\s+newcomer\*\s+reason\n/);
    expect(group.stdout).toMatch(/\nsatisfaction: u1 \d\.\d\d {2}u3 \d\.\d\d {2}newcomer \d\.\d\d\n/);
  }, 30_000);

  it('refuses bad input with exit code 1 and a line naming the flag', () => {
    const cases: [string[], string][] = [
      [['--model', 'nope', '--user', 'u1'], "lathe: --model: No run with id 'nope'"],
      [['--model', tabularId, '--user', 'u1'], `lathe: --model: Run ${tabularId.slice(0, 8)} is not a recommender`],
      [['--model', runId, '--group', 'u1'], 'lathe: --group: a group has 2 to 50 users separated by commas; got 1'],
      [['--model', runId, '--group', 'u1,u2', '--strategy', 'loudest'], "lathe: --strategy: 'loudest' is not a strategy; use average, least-misery"],
      [['--model', runId], 'lathe: nothing to recommend from: give --user ID, --group ID,ID,…, --similar-to ITEM or --prefer column=value,…'],
      [['--model', runId, '--similar-to', 'x9'], "lathe: --similar-to: The model has no item 'x9'"],
    ];
    for (const [args, start] of cases) {
      const r = lathe('recommend', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.startsWith(start), r.stderr).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('reads preferences and the group into the contract’s arguments', () => {
    expect(parsePreferences('tags=jazz|live, genre=crime,tags=new')).toEqual({ tags: ['jazz', 'live', 'new'], genre: ['crime'] });
    expect(() => parsePreferences('jazz')).toThrow(/--prefer: expected column=value pairs/);
    expect(recommendQueryFromCli({ model: 'm', group: 'a, b ,c', strategy: 'borda', k: '5' })).toEqual({ model: 'm', group: ['a', 'b', 'c'], strategy: 'borda', k: 5 });
    expect(() => recommendQueryFromCli({ model: 'm', user: 'a', strategy: 'borda' })).toThrow('--strategy: a strategy goes with --group');
    expect(() => recommendQueryFromCli({ model: 'm', user: 'a', prefer: 'x=y' })).toThrow('give one of --user, --group, --similar-to or --prefer, not --user and --prefer');
  });
});

describe('lathe train --task recommend --sweep', () => {
  it('--sweep N runs N trials over the model’s first search space and prints the sweep', () => {
    const r = lathe('train', '--task', 'recommend', '--dataset', 'ratings', '--user', 'user', '--item', 'book', '--rating', 'stars', '--time', 'ts',
      '--model', 'popularity', '--sweep', '3', '--method', 'random', '--parallel', '1', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sweep = JSON.parse(r.stdout);
    expect(sweep).toMatchObject({ status: 'succeeded', metric: 'ndcgAt10', lowerIsBetter: false, space: ['halfLifeDays=7..365:log'], trials: 3 });
    expect(sweep.results).toHaveLength(3);
    const best = sweep.results.reduce((a: { value: number }, b: { value: number }) => (b.value > a.value ? b : a));
    expect(sweep.bestRunId).toBe(best.runId);
  }, 60_000);

  it('reads dimensions, a trial count and the objective', () => {
    const base = { dataset: 'd', user: 'u', item: 'i', param: [] as string[] };
    expect(recommendSweepFromCli({ ...base, model: 'mf', sweep: ['factors=8..64:log', 'epochs=5..30'], trials: '6', metric: 'map', parallel: '2' })).toEqual({
      dataset: 'd', user: 'u', item: 'i', params: {}, model: 'mf', space: ['factors=8..64:log', 'epochs=5..30'], trials: 6, metric: 'map', parallel: 2,
    });
    expect(recommendSweepFromCli({ ...base, sweep: ['12'] })).toMatchObject({ trials: 12 });
    expect(recommendSweepFromCli({ ...base, sweep: ['12'] }).space).toBeUndefined();
    expect(() => recommendSweepFromCli({ ...base, sweep: ['12'], trials: '3' })).toThrow('Give the number of trials once');
    expect(() => recommendSweepFromCli({ ...base, sweep: ['4'], metric: 'auc' })).toThrow("--metric must be one of ndcg, map, recall, precision, hitRate, mrr, rmse, mae; got 'auc'");
  });
});
