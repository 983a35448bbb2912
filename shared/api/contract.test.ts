import { describe, expect, it } from 'vitest';
import { isMethodName, parseArgs } from './contract';
import { ApiError } from './errors';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected an error');
}

describe('contract', () => {
  it('fills defaults', () => {
    expect(parseArgs('jobs.list', {})).toEqual({ limit: 100 });
    expect(parseArgs('system.machineCheck', undefined)).toEqual({ seconds: 10 });
  });

  it('names the bad field in a bad_request error', () => {
    const err = errorOf(() => parseArgs('system.machineCheck', { seconds: 'ten' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain("'seconds'");
    expect((err.details as { field: string }).field).toBe('seconds');
  });

  it('names unknown keys', () => {
    const err = errorOf(() => parseArgs('jobs.get', { id: '0a1b2c3d', idd: 'y' }));
    expect((err.details as { field: string }).field).toBe('idd');
  });

  it('names nested array fields', () => {
    const err = errorOf(() => parseArgs('jobs.list', { status: ['running', 'nope'] }));
    expect((err.details as { field: string }).field).toBe('status.1');
  });

  it('knows its methods', () => {
    expect(isMethodName('app.info')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
  });
});
