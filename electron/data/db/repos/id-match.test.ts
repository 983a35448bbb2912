import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { tempHome } from '../../../../tests/helpers/temp-home';
import { ApiError } from '../../../../shared/api/errors';
import { RunsRepo } from './runs-repo';
import { SweepsRepo } from './sweeps-repo';
import { DatasetsRepo } from './datasets-repo';

const home = tempHome();
let db: Database;
const RUN_A = 'ab12cd34-0000-4000-8000-000000000001';
const RUN_B = 'ab12ef56-0000-4000-8000-000000000002';
const RUN_C = 'c0ffee00-0000-4000-8000-000000000003';
const DS = 'd5d5d5d5-0000-4000-8000-000000000004';
const SWEEP = '5eeb0000-0000-4000-8000-000000000005';

beforeAll(() => {
  db = openDatabase(path.join(home.dir, 'lathe.db'));
  const now = new Date().toISOString();
  for (const id of [RUN_A, RUN_B, RUN_C]) db.prepare(`INSERT INTO runs (id, status, created_at) VALUES (?, 'succeeded', ?)`).run(id, now);
  // A dataset whose name is another dataset's id (made first): the id wins.
  db.prepare(`INSERT INTO datasets (id, name, format, table_name, created_at) VALUES (?, ?, 'csv', ?, ?)`).run('other', DS, 'ds_y', now);
  db.prepare(`INSERT INTO datasets (id, name, format, table_name, created_at) VALUES (?, ?, 'csv', ?, ?)`).run(DS, 'sales_%', 'ds_x', now);
  db.prepare(`INSERT INTO sweeps (id, dataset_id, spec_json, status, created_at) VALUES (?, ?, ?, 'succeeded', ?)`)
    .run(SWEEP, DS, JSON.stringify({ method: 'tpe', metric: 'rmse', lowerIsBetter: true, trials: 1, space: [] }), now);
});

afterAll(() => {
  db.close();
  home.cleanup();
});

function errorOf(f: () => unknown): ApiError {
  try {
    f();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected an error');
}

describe('run and sweep ids', () => {
  it('match exactly, never as LIKE patterns', () => {
    const runs = new RunsRepo(db);
    for (const pattern of ['%', '_', '%%', 'ab%', 'ab12_d34%', '*', '[a-f]*', 'AB12%']) {
      const err = errorOf(() => runs.resolve(pattern));
      expect(err, pattern).toBeInstanceOf(ApiError);
      expect(err.code, pattern).toBe('not_found');
    }
    expect(errorOf(() => runs.get('%')).code).toBe('not_found');
    expect(errorOf(() => new SweepsRepo(db).get('%')).code).toBe('not_found');
    expect(errorOf(() => new SweepsRepo(db).get('5%')).code).toBe('not_found');
  });

  it('answers a huge id with not found, not a SQLite pattern error', () => {
    const huge = 'a'.repeat(50_000);
    for (const id of [huge, '%'.repeat(50_000)]) {
      const err = errorOf(() => new RunsRepo(db).resolve(id));
      expect(err.code).toBe('not_found');
      expect(err.message.length).toBeLessThan(200);
    }
  });

  it('finds the whole id and a unique short id', () => {
    const runs = new RunsRepo(db);
    expect(runs.resolve(RUN_A)).toBe(RUN_A);
    expect(runs.resolve('ab12cd34')).toBe(RUN_A);
    expect(runs.resolve('AB12CD34')).toBe(RUN_A);
    expect(runs.resolve('c')).toBe(RUN_C);
    expect(runs.get('ab12ef').id).toBe(RUN_B);
    expect(new SweepsRepo(db).get('5eeb').id).toBe(SWEEP);
  });

  it('refuses an ambiguous short id and names the candidates', () => {
    const err = errorOf(() => new RunsRepo(db).resolve('ab12'));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain(RUN_A);
    expect(err.message).toContain(RUN_B);
    expect(err.details).toMatchObject({ field: 'id', candidates: [RUN_A, RUN_B] });
  });
});

describe('datasets by id or name', () => {
  it('match the text exactly, the id first', () => {
    const ds = new DatasetsRepo(db);
    expect(ds.resolve('sales_%')).toBe(DS);
    expect(ds.resolve(DS)).toBe(DS);
    expect(ds.resolve('other')).toBe('other');
    for (const near of ['sales_', 'sales__', '%', 'SALES_%', DS.slice(0, 8)]) expect(errorOf(() => ds.resolve(near)).code, near).toBe('not_found');
  });
});
