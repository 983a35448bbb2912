import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../../host/datasets/samples';

// The real datasets ship as samples; the same files as in the shared datasets folder.
const dir = samplesDir();
const file = (rel: string) => path.join(dir, rel);
let fx: ReturnType<typeof coreFixture>;

beforeAll(() => {
  expect(fs.existsSync(file('samples.json'))).toBe(true);
  fx = coreFixture();
});
afterAll(() => fx.close());

const col = (r: { columns: { name: string; type: string; missing: number }[] }, name: string) => r.columns.find((c) => c.name === name)!;

describe('importing the real files', () => {
  it('adult (no header, a space after every comma, ? for missing)', async () => {
    const names = ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'];
    const r = await importFile(fx.core, { path: file('adult/adult-train.csv'), columns: names });
    expect(r.rows).toBe(32561);
    expect(r.columns).toHaveLength(15);
    expect(col(r, 'age').type).toBe('integer');
    expect(col(r, 'workclass')).toMatchObject({ type: 'categorical', missing: 1836 });
    expect(col(r, 'occupation').missing).toBe(1843);
    expect(col(r, 'native-country').missing).toBe(583);
    const detail = await fx.core.call('datasets.get', { id: r.id });
    expect(detail.options).toMatchObject({ header: false, delimiter: ',', trimmedLeadingSpace: true });
    const page = await fx.core.call('datasets.rows', { id: r.id, offset: 0, limit: 1 });
    // The space after the comma is gone; values keep their text.
    expect(page.rows[0].slice(0, 4)).toEqual([39, 'State-gov', 77516, 'Bachelors']);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adult without names gets generated column names that can be renamed', async () => {
    const r = await importFile(fx.core, { path: file('adult/adult-test.csv') });
    expect(r.rows).toBe(16281);
    expect(r.columns.map((c) => c.name).slice(0, 3)).toEqual(['column_1', 'column_2', 'column_3']);
    const renamed = await fx.core.call('datasets.renameColumn', { id: r.id, position: 0, name: 'age' });
    expect(renamed.columnsDetail[0].name).toBe('age');
  });

  it('california housing (header, 207 empty total_bedrooms, a categorical)', async () => {
    const r = await importFile(fx.core, { path: file('california_housing/housing.csv') });
    expect(r.rows).toBe(20640);
    expect(r.columns).toHaveLength(10);
    expect(col(r, 'total_bedrooms')).toMatchObject({ type: 'float', missing: 207 });
    expect(col(r, 'ocean_proximity').type).toBe('categorical');
    expect(col(r, 'median_house_value').type).toBe('float');
  });

  it('airline passengers (a month column is a date)', async () => {
    const r = await importFile(fx.core, { path: file('airline_passengers/airline-passengers.csv') });
    expect(r.rows).toBe(144);
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([
      ['Month', 'date'],
      ['Passengers', 'integer'],
    ]);
  });

  it.each(['yelp_labelled.txt', 'amazon_cells_labelled.txt'])('sentiment %s (tab, no header, quotes as text)', async (name) => {
    const r = await importFile(fx.core, { path: file(`sentiment/${name}`), quotes: false, columns: ['text', 'label'] });
    expect(r.rows).toBe(1000);
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([
      ['text', 'text'],
      ['label', 'integer'],
    ]);
  });

  it('lists the samples and imports one by id', async () => {
    const samples = await fx.core.call('datasets.samples', {});
    expect(samples.map((s) => s.id)).toContain('adult-income');
    const { jobId } = await fx.core.call('datasets.importSample', { id: 'adult-income' });
    const job = await fx.core.ctx.jobs.wait(jobId);
    expect(job.error ?? null).toBeNull();
    expect(job.status).toBe('succeeded');
    const r = job.result as { name: string; columns: { name: string }[] };
    expect(r.name).toBe('Adult income (train)');
    expect(r.columns[14].name).toBe('income');
  });
});
