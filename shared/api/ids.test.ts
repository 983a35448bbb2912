import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { methods, parseArgs, type MethodName } from './contract';
import { ApiError } from './errors';
import { idSchema, refSchema } from './ids';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected an error');
}

/** Every top-level field of every method, with its schema. */
function fields(): { method: string; key: string; schema: z.ZodType }[] {
  return Object.entries(methods).flatMap(([method, def]) => {
    const shape = (def.args as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
    return Object.entries(shape).map(([key, schema]) => ({ method, key, schema }));
  });
}

/** Fields that name a stored thing by its id (some also by a short id). */
const ID_FIELDS = /^(id|runId|jobId|datasetId|a|b)$/;
/** Fields that name a stored thing by id or name. */
const REF_FIELDS = /^(dataset|testDataset|model)$/;

describe('ids in the contract', () => {
  const uuid = '0f8e2c1a-5b7d-4e3f-9a60-1c2d3e4f5a6b';

  it('take hex digits and dashes only, up to 64 characters', () => {
    expect(idSchema.parse(uuid)).toBe(uuid);
    expect(idSchema.parse('0F8E2C1A')).toBe('0f8e2c1a');
    for (const bad of ['', '%', '_', 'ab%', '*', '0f8e 2c1a', '0f8e\n', 'x'.repeat(10), 'a'.repeat(65), 'a'.repeat(50_000)]) {
      expect(idSchema.safeParse(bad).success, bad.slice(0, 20)).toBe(false);
    }
  });

  it('are checked on every id field of every method', () => {
    // datasets.get and deployments.get take an id or a name (matched exactly, never as a pattern), like the REF_FIELDS.
    const byIdOrName = new Set(['datasets.importSample', 'datasets.get', 'deployments.get']);
    const idFields = fields().filter((f) => ID_FIELDS.test(f.key) && !byIdOrName.has(f.method));
    expect(parseArgs('deployments.get', { id: 'canary logs' }).id).toBe('canary logs');
    expect(errorOf(() => parseArgs('deployments.get', { id: 'a'.repeat(50_000) })).code).toBe('bad_request');
    expect(parseArgs('datasets.get', { id: 'My data %' }).id).toBe('My data %');
    expect(errorOf(() => parseArgs('datasets.get', { id: 'a'.repeat(50_000) })).code).toBe('bad_request');
    expect(idFields.map((f) => `${f.method}.${f.key}`)).toEqual(
      expect.arrayContaining(['runs.get.id', 'runs.delete.id', 'runs.compare.a', 'sweeps.get.id', 'jobs.cancel.id', 'datasets.delete.id', 'models.register.runId']),
    );
    for (const f of idFields) {
      expect(f.schema.safeParse(uuid).success, `${f.method}.${f.key}`).toBe(true);
      for (const bad of ['%', 'ab_', 'a'.repeat(50_000)]) expect(f.schema.safeParse(bad).success, `${f.method}.${f.key} ${bad.slice(0, 5)}`).toBe(false);
    }
  });

  it('refuses runs.get and runs.delete with a pattern or a huge id before any lookup', () => {
    for (const method of ['runs.get', 'runs.delete', 'runs.rerun', 'sweeps.get', 'sweeps.cancel'] as MethodName[]) {
      for (const id of ['%', 'a'.repeat(50_000)]) {
        const err = errorOf(() => parseArgs(method, { id }));
        expect(err.code, method).toBe('bad_request');
        expect((err.details as { field: string }).field).toBe('id');
      }
    }
  });
});

describe('id-or-name references', () => {
  it('are bounded and free of control characters', () => {
    expect(refSchema.safeParse('sales 2024 (2)').success).toBe(true);
    expect(refSchema.safeParse('house-prices@production').success).toBe(true);
    for (const bad of ['', 'a'.repeat(201), 'a\u0000b', 'line\nbreak', 'del\u007f']) expect(refSchema.safeParse(bad).success).toBe(false);
    // A forecast's or a recommender's `model` chooses a model by name from a fixed list, not a stored thing.
    const forecastModel = new Set(['forecast.start', 'sweeps.startForecast', 'recommend.start', 'sweeps.startRecommend']);
    // These `model` fields name a registered model only: a deployment's versions come from the server's logs, a
    // plan's champion from its alias.
    const nameOnly = new Set(['deployments.import', 'automation.create']);
    const refFields = fields().filter((f) => REF_FIELDS.test(f.key) && !(f.key === 'model' && (forecastModel.has(f.method) || nameOnly.has(f.method))));
    expect(errorOf(() => parseArgs('deployments.import', { dir: 'logs', model: 'x'.repeat(50_000) })).code).toBe('bad_request');
    expect(refFields.length).toBeGreaterThanOrEqual(6);
    for (const f of refFields) {
      expect(f.schema.safeParse('houses@1.0.0').success, `${f.method}.${f.key}`).toBe(true);
      expect(f.schema.safeParse('x'.repeat(50_000)).success, `${f.method}.${f.key}`).toBe(false);
    }
  });

  it('keep sample ids and model names working', () => {
    expect(parseArgs('datasets.importSample', { id: 'california-housing' })).toEqual({ id: 'california-housing' });
    expect(parseArgs('models.get', { name: 'house-prices' })).toEqual({ name: 'house-prices' });
    expect(errorOf(() => parseArgs('models.get', { name: 'n'.repeat(50_000) })).code).toBe('bad_request');
  });
});
