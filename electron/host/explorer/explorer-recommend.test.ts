/** recommend.query and recommend.users through the API: the explorer worker answering from a stored recommender. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importCsvText } from '../../../tests/helpers/core-fixture';
import { recommendFiles } from '../../../tests/helpers/recommend-data';

let fx: ReturnType<typeof coreFixture>;
let runId = '';
/** What each user rated, from the same made-up file. */
const rated = new Map<string, Set<string>>();

// Items 100…119 are fantasy (liked by even users), 120…139 crime (liked by odd users).
const fantasy = (item: string) => Number(item) < 120;

beforeAll(async () => {
  fx = coreFixture();
  const f = recommendFiles();
  await importCsvText(fx, 'ratings', f.ratings);
  await importCsvText(fx, 'books', f.items);
  for (const line of f.ratings.trim().split('\n').slice(1)) {
    const [user, book] = line.split(',');
    rated.set(user, (rated.get(user) ?? new Set()).add(book));
  }
  const started = await fx.core.call('recommend.start', {
    dataset: 'ratings', user: 'user', item: 'book', rating: 'stars', time: 'ts', itemFeatures: 'books', itemKey: 'book_id',
    model: 'mf', params: { factors: 8, epochs: 60, learningRate: 0.02 }, seed: 3,
  });
  await fx.core.jobResult('recommend.train', started.jobId);
  runId = started.runId;
}, 60_000);
afterAll(() => fx.close());

const ask = (query: Record<string, unknown>) => fx.core.call('recommend.query', { model: runId, k: 5, ...query });

describe('recommend.query', () => {
  it('a known user: top k of the other taste left out, nothing they rated, titles, reasons, their history by time', async () => {
    const a = await ask({ user: 'u0' });
    expect(a.how).toBe('mf for a known user');
    expect(a.items).toHaveLength(5);
    for (const it of a.items) {
      expect(rated.get('u0')!.has(it.item)).toBe(false);
      expect(it.label).toBe(`Book ${Number(it.item) - 100}`);
      expect(it.reason).toMatch(/^Because you rated Book \d+ highly \([45]\)$/);
    }
    expect(a.items.filter((it) => fantasy(it.item)).length).toBeGreaterThanOrEqual(4);
    expect(a.items.map((it) => it.score)).toEqual([...a.items.map((it) => it.score)].sort((x, y) => y - x));
    expect(a.history!.map((h) => h.item).sort()).toEqual([...rated.get('u0')!].sort());
    const times = a.history!.map((h) => h.time!);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(a.history![0].label).toMatch(/^Book \d+$/);
    expect(a.members).toBeNull();
    expect(a.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('an unknown user gets the cold-start path, named', async () => {
    const a = await ask({ user: 'nobody' });
    expect(a.how).toBe("unknown user 'nobody': popular overall");
    expect(a.items).toHaveLength(5);
    expect(a.items[0].reason).toMatch(/^Popular: \d+ ratings$/);
    expect(a.history).toEqual([]);
  });

  it('a group: the strategy over members’ scores, per-member scores and satisfaction, an unknown member flagged', async () => {
    const a = await ask({ group: ['u0', 'u2', 'stranger'], strategy: 'least-misery' });
    expect(a.how).toMatch(/^group of 3 \(least-misery\); 1 member the model does not know \(popular overall\)$/);
    expect(a.members!.map((m) => [m.user, m.known])).toEqual([['u0', true], ['u2', true], ['stranger', false]]);
    a.items.forEach((it, i) => {
      expect(rated.get('u0')!.has(it.item) || rated.get('u2')!.has(it.item)).toBe(false);
      expect(it.score).toBeCloseTo(Math.min(...a.members!.map((m) => m.scores[i])), 5);
    });
    for (const m of a.members!) {
      expect(m.scores).toHaveLength(5);
      expect(m.satisfaction).toBeGreaterThan(0);
      expect(m.satisfaction).toBeLessThanOrEqual(5);
    }
    // Two fantasy readers: their shared list leans fantasy.
    expect(a.items.filter((it) => fantasy(it.item)).length).toBeGreaterThanOrEqual(3);
  });

  it('items similar to one item, never itself, with the features they share', async () => {
    const a = await ask({ similarTo: '100' });
    expect(a.how).toBe('items similar to Book 0 (mf)');
    expect(a.items.map((it) => it.item)).not.toContain('100');
    expect(a.items[0].reason).toMatch(/^Similarity -?\d\.\d\d/);
    // Book 0 is fantasy: a fantasy neighbour's reason names the genre they share, a crime one's never does.
    for (const it of a.items) expect(it.reason.includes('genre: fantasy')).toBe(fantasy(it.item));
    expect(a.items.filter((it) => fantasy(it.item)).length).toBeGreaterThanOrEqual(3);
  });

  it('stated preferences for someone new: content over the item features, reasons naming what matched', async () => {
    const a = await ask({ prefer: { genre: ['crime'], tags: ['classic'] } });
    expect(a.how).toBe('content from stated preferences');
    for (const it of a.items) expect(fantasy(it.item)).toBe(false);
    expect(a.items[0].reason).toBe('genre: crime · tags: classic');
  });

  it('refuses what it cannot answer, naming the field', async () => {
    await expect(ask({ prefer: { colour: ['red'] } })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'prefer' }, message: expect.stringContaining("no 'colour'") });
    await expect(ask({ similarTo: 'nope' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'similarTo' } });
    await expect(ask({ group: ['u0'] })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'group' } });
    await expect(ask({ group: ['u0', 'u1'], strategy: 'loudest' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'strategy' } });
    await expect(ask({})).rejects.toMatchObject({ code: 'bad_request', details: { field: 'user' } });
    await expect(ask({ user: 'u0', similarTo: '100' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'similarTo' } });
    await expect(fx.core.call('recommend.query', { model: 'no-such-run', user: 'u0' })).rejects.toMatchObject({ code: 'not_found', details: { field: 'model' } });
  });

  it('refuses a run that is not a recommender', async () => {
    const { runId: tabular, jobId } = await fx.core.call('runs.start', { dataset: 'ratings', target: 'stars', family: 'linear', exclude: ['user', 'book'] });
    await fx.core.jobResult('runs.train', jobId);
    await expect(fx.core.call('recommend.query', { model: tabular, user: 'u0' })).rejects.toMatchObject({
      code: 'bad_request', details: { field: 'model' }, message: expect.stringContaining('is not a recommender'),
    });
  }, 30_000);

  it('answers a registered version as it answers the run', async () => {
    await fx.core.call('models.register', { runId, name: 'books' });
    const byName = await fx.core.call('recommend.query', { model: 'books@1.0.0', k: 5, user: 'u1' });
    expect(byName.items).toEqual((await ask({ user: 'u1' })).items);
  });
});

describe('recommend.users', () => {
  it('ids containing the search, those starting with it first, with interaction counts', async () => {
    const { users } = await fx.core.call('recommend.users', { model: runId, search: '1', limit: 30 });
    const ids = users.map((u) => u.user);
    expect(ids.every((u) => u.includes('1'))).toBe(true);
    expect(users.every((u) => u.interactions === 12)).toBe(true);
    expect(ids).toContain('u21');
    const { users: prefixed } = await fx.core.call('recommend.users', { model: runId, search: 'u1', limit: 5 });
    expect(prefixed.map((u) => u.user)).toEqual(['u1', 'u10', 'u11', 'u12', 'u13']);
  });
});
