/** The text features without training, through the host and real workers, on the sentiment sample and small hand-written datasets. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import type { ImportResultDto } from '../../../shared/api/datasets-dto';

let fx: ReturnType<typeof coreFixture>;
let yelp: ImportResultDto;

const csvFile = (name: string, text: string) => {
  const file = path.join(fx.home, name);
  fs.writeFileSync(file, text);
  return file;
};
const datasetNames = async () => (await fx.core.call('datasets.list', {})).map((d) => d.name).sort();
const tables = () => (fx.core.ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\'`).all() as { name: string }[]).map((r) => r.name).sort();
const allRows = async (id: string) => (await fx.core.call('datasets.rows', { id, offset: 0, limit: 2000 })).rows;

beforeAll(async () => {
  fx = coreFixture();
  const { jobId } = await fx.core.call('datasets.importSample', { id: 'yelp-sentiment' });
  yelp = await fx.core.jobResult('datasets.import', jobId);
}, 60_000);
afterAll(() => fx.close());

describe('text.sentiment', () => {
  it('writes a new dataset with every row scored, agreeing with the labels well above chance, and leaves the original as it was', async () => {
    const before = await allRows(yelp.id);
    const { jobId, datasetId } = await fx.core.call('text.sentiment', { dataset: yelp.name, text: 'text' });
    const r = await fx.core.jobResult('text.sentiment', jobId);
    expect(r.dataset).toMatchObject({ id: datasetId, name: 'Yelp review sentiment · sentiment', rows: 1000 });
    expect(r.scored + r.missing).toBe(1000);
    expect(r.labels.positive + r.labels.negative + r.labels.neutral).toBe(r.scored);

    const d = await fx.core.call('datasets.get', { id: datasetId });
    expect(d.columnsDetail.map((c) => [c.name, c.type])).toEqual([['text', 'text'], ['label', 'integer'], ['sentiment_score', 'float'], ['sentiment_label', 'categorical']]);
    expect(d.options.derivedFrom).toEqual({ kind: 'sentiment', datasetId: yelp.id, datasetName: yelp.name, column: 'text' });
    const rows = await allRows(datasetId);
    expect(rows).toHaveLength(1000);
    expect(rows.map((x) => x.slice(0, 2))).toEqual(before);
    for (const x of rows) {
      expect(x[2]).toBeGreaterThanOrEqual(-1);
      expect(x[2]).toBeLessThanOrEqual(1);
      expect(['positive', 'negative', 'neutral']).toContain(x[3]);
    }
    // Agreement with the file's 0/1 labels: a score above zero reads as 1, anything else as 0.
    const agree = rows.filter((x) => (Number(x[2]) > 0 ? 1 : 0) === x[1]).length / rows.length;
    const polar = rows.filter((x) => x[3] !== 'neutral');
    const agreePolar = polar.filter((x) => (x[3] === 'positive' ? 1 : 0) === x[1]).length / polar.length;
    console.log(`lexicon vs yelp labels: accuracy ${agree.toFixed(3)} over all rows, ${agreePolar.toFixed(3)} over the ${polar.length} non-neutral`);
    expect(agree).toBeGreaterThan(0.65);
    expect(agreePolar).toBeGreaterThan(0.75);

    expect(await allRows(yelp.id)).toEqual(before);
    expect((await fx.core.call('datasets.get', { id: yelp.id })).columnsDetail.map((c) => c.name)).toEqual(['text', 'label']);
  }, 60_000);

  it('refuses a column that is not text, one that does not exist and one with no text, naming it', async () => {
    await expect(fx.core.call('text.sentiment', { dataset: yelp.name, text: 'label' })).rejects.toThrow("'label' is not a text column (it is integer)");
    await expect(fx.core.call('text.sentiment', { dataset: yelp.name, text: 'review' })).rejects.toThrow("Dataset 'Yelp review sentiment' has no column 'review'");
    const empty = await importFile(fx.core, { path: csvFile('empty.csv', 'id,note\n1,\n2,\n3,\n'), name: 'empty', types: { note: 'text' } });
    await expect(fx.core.call('text.sentiment', { dataset: empty.id, text: 'note' })).rejects.toThrow("'note' has no text: every row of it is empty");
    await expect(fx.core.call('text.aggregates', { dataset: yelp.name, text: 'text', time: 'label' })).rejects.toThrow("'label' is not a date or datetime column (it is integer)");
  }, 30_000);

  it('cancelled while writing, leaves no dataset and no table behind', async () => {
    const lines = ['id,review'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},"The food at place ${i} was ${i % 2 ? 'great and friendly' : 'cold and awful'}, would ${i % 3 ? 'not ' : ''}return."`);
    const big = await importFile(fx.core, { path: csvFile('big.csv', lines.join('\n')), name: 'big reviews' });
    const names = await datasetNames();
    const before = tables();
    const { jobId, datasetId } = await fx.core.call('text.sentiment', { dataset: big.id, text: 'review' });
    const table = `ds_${datasetId.replace(/-/g, '')}`;
    // Take the write lock as soon as the job starts: the worker's first write waits on it (busy
    // timeout), so the cancel lands before the rows are in however slowly this thread is scheduled.
    const count = () => (tables().includes(table) ? (fx.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n : 0);
    fx.core.ctx.db.exec('BEGIN IMMEDIATE');
    let written: number;
    try {
      await new Promise((r) => setTimeout(r, 300)); // time for the worker to reach its first write
      written = count();
      await fx.core.call('jobs.cancel', { id: jobId });
    } finally {
      fx.core.ctx.db.exec('COMMIT');
    }
    expect(written).toBeLessThan(200_000);
    await expect(fx.core.jobResult('text.sentiment', jobId)).rejects.toMatchObject({ code: 'cancelled' });
    expect(await datasetNames()).toEqual(names);
    expect(tables()).toEqual(before);
  }, 120_000);
});

describe('text.entities', () => {
  it('counts people, organisations and places with mean sentiment and examples, stores them and finds them again', async () => {
    const texts = [
      'Barack Obama gave a wonderful speech in Chicago.',
      'I love Microsoft products, they are excellent.',
      'Microsoft support was terrible and slow.',
      'Barack Obama visited Paris last week, a great trip.',
      'The weather was fine.',
      '',
    ];
    const csv = ['id,note', ...texts.map((t, i) => `${i + 1},"${t}"`)].join('\n');
    const ds = await importFile(fx.core, { path: csvFile('notes.csv', csv), name: 'notes', types: { note: 'text' } });
    const { jobId, datasetId } = await fx.core.call('text.entities', { dataset: 'notes', text: 'note' });
    const r = await fx.core.jobResult('text.entities', jobId);
    expect(r.texts).toBe(5);
    const byName = new Map(r.entities.map((e) => [e.entity, e]));
    const obama = byName.get('Barack Obama');
    expect(obama).toMatchObject({ kind: 'person', mentions: 2, documents: 2 });
    expect(obama!.meanSentiment).toBeGreaterThan(0.3);
    expect(obama!.examples).toEqual([texts[0], texts[3]]);
    const ms = byName.get('Microsoft');
    expect(ms).toMatchObject({ kind: 'organization', documents: 2 });
    // One text loves it, one hates it: the mean lies between the two scores.
    expect(Math.abs(ms!.meanSentiment)).toBeLessThan(0.6);
    expect(byName.get('Paris')?.kind).toBe('place');
    expect(byName.get('Chicago')?.kind).toBe('place');

    const stored = await fx.core.call('datasets.get', { id: datasetId });
    expect(stored.name).toBe('notes · entities');
    expect(stored.rows).toBe(r.total);
    expect(stored.columnsDetail.map((c) => c.name)).toEqual(['entity', 'kind', 'mentions', 'documents', 'mean_sentiment', 'example_1', 'example_2', 'example_3']);
    const again = await fx.core.call('text.results', { dataset: ds.id, text: 'note' });
    expect(again.sentiment).toBeNull();
    expect(again.entities?.dataset.id).toBe(datasetId);
    expect(again.entities?.rows).toEqual(r.entities);
  }, 60_000);
});

describe('text.aggregates', () => {
  it('gives per-group and per-week means with intervals, top terms and examples', async () => {
    const rows = ['day,shop,review'];
    const good = ['Great coffee and lovely staff', 'Excellent cake, wonderful service', 'Lovely place, great coffee'];
    const bad = ['Terrible coffee, rude staff', 'Awful service and cold food', 'Horrible, dirty and rude'];
    for (let i = 0; i < 60; i++) {
      const day = `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`;
      rows.push(`${day},north,"${good[i % 3]}"`, `${day},south,"${bad[i % 3]}"`);
    }
    await importFile(fx.core, { path: csvFile('shops.csv', rows.join('\n')), name: 'shops', types: { review: 'text' } });
    const a = await fx.core.call('text.aggregates', { dataset: 'shops', text: 'review', by: 'shop', time: 'day', bucket: 'week', terms: 3 });
    expect(a.scored).toBe(120);
    const [north, south] = ['north', 'south'].map((k) => a.groups!.groups.find((g) => g.key === k)!);
    expect(north.n).toBe(60);
    expect(north.lo).toBeLessThanOrEqual(north.mean);
    expect(north.hi).toBeGreaterThanOrEqual(north.mean);
    expect(north.lo).toBeGreaterThan(south.hi);
    expect(north.positive!.score).toBeGreaterThan(0);
    expect(south.negative!.text).toMatch(/Terrible|Awful|Horrible/);
    expect(a.time!.bucket).toBe('week');
    expect(a.time!.points.map((p) => p.key)).toEqual(['2024-02-26', '2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25']);
    expect(a.time!.points.reduce((s, p) => s + p.n, 0)).toBe(120);
    expect(a.terms.positive.map((t) => t.term)).toContain('great');
    expect(a.terms.negative.every((t) => t.mean < 0)).toBe(true);
    expect(a.terms.negative[0].example!.score).toBeLessThan(0);
    // Three distinct good sentences: each shown once, best first.
    expect(a.examples.positive.map((e) => e.text).sort()).toEqual([...good].sort());
    expect(a.examples.positive[0].score).toBeGreaterThanOrEqual(a.examples.positive[2].score);
    // The row number points at the text it quotes.
    const first = a.examples.negative[0];
    expect((await fx.core.call('datasets.rows', { id: a.dataset.id, offset: first.row - 1, limit: 1 })).rows[0][2]).toBe(first.text);
  }, 60_000);
});
