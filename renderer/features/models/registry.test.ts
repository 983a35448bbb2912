import { describe, expect, it } from 'vitest';
import type { AliasMoveDto } from '../../../shared/api/methods/registry';
import { registryMethods } from '../../../shared/api/methods/registry';
import { aliasError, modelNameError, rollbackTarget } from './registry';

const move = (action: AliasMoveDto['action'], fromVersion: string | null, toVersion: string, alias = 'production'): AliasMoveDto => ({
  alias, action, fromVersion, toVersion, note: '', at: '2026-01-01T00:00:00Z',
});

describe('model names', () => {
  const schema = registryMethods['models.register'].args;
  const hostAccepts = (name: string) => schema.safeParse({ runId: 'abc123', name }).success;

  it('accepts and refuses exactly what models.register does', () => {
    for (const name of ['houses', 'House prices 2', 'a.b-c_d', ' padded ', '', '   ', '-lead', 'ünïcode', 'x'.repeat(100), 'x'.repeat(101), 'semi;colon']) {
      expect(modelNameError(name) === null, name).toBe(hostAccepts(name));
    }
  });

  it('says what is wrong', () => {
    expect(modelNameError('')).toMatch(/name/);
    expect(modelNameError('-x')).toMatch(/starting with a letter or digit/);
  });
});

describe('aliases', () => {
  const schema = registryMethods['models.promote'].args;
  const hostAccepts = (alias: string) => schema.safeParse({ name: 'm', version: '1.0.0', alias }).success;

  it('follows the promote schema', () => {
    for (const alias of ['production', 'staging', 'canary-2', 'Prod', '2nd', '', 'a'.repeat(41), 'with space']) {
      expect(aliasError(alias) === null, alias).toBe(hostAccepts(alias));
    }
  });
});

describe('rollbackTarget', () => {
  it('is the version before the last move', () => {
    const history = [move('set', '1.0.0', '1.1.0'), move('set', null, '1.0.0')];
    expect(rollbackTarget(history, 'production')).toBe('1.0.0');
  });

  it('has nothing to go back to after the first move', () => {
    expect(rollbackTarget([move('set', null, '1.0.0')], 'production')).toBeNull();
    expect(rollbackTarget([], 'production')).toBeNull();
  });

  it('steps further back past earlier rollbacks, like the host', () => {
    const history = [
      move('rollback', '1.2.0', '1.1.0'),
      move('set', '1.1.0', '1.2.0'),
      move('set', '1.0.0', '1.1.0'),
      move('set', null, '1.0.0'),
    ];
    expect(rollbackTarget(history, 'production')).toBe('1.0.0');
  });

  it('reads only the alias asked about', () => {
    const history = [move('set', '2.0.0', '3.0.0', 'staging'), move('set', '1.0.0', '1.1.0')];
    expect(rollbackTarget(history, 'production')).toBe('1.0.0');
    expect(rollbackTarget(history, 'staging')).toBe('2.0.0');
  });
});
