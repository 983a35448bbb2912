import { describe, expect, it } from 'vitest';
import type { EntityRowDto } from '../../../shared/api/text-dto';
import { nextSort, sortEntities } from './entity-sort';

const e = (entity: string, kind: EntityRowDto['kind'], documents: number, meanSentiment: number): EntityRowDto => ({ entity, kind, documents, mentions: documents, meanSentiment, examples: [] });
const rows = [e('Seattle', 'place', 70, 0.12), e('Maria', 'person', 34, 0.91), e('John', 'person', 35, -0.49), e('Google', 'organization', 35, 0.79)];

describe('entity table order', () => {
  it('sorts numbers by value and names alphabetically, keeping the host order on ties', () => {
    expect(sortEntities(rows, { key: 'meanSentiment', dir: 'desc' }).map((r) => r.entity)).toEqual(['Maria', 'Google', 'Seattle', 'John']);
    expect(sortEntities(rows, { key: 'entity', dir: 'asc' }).map((r) => r.entity)).toEqual(['Google', 'John', 'Maria', 'Seattle']);
    expect(sortEntities(rows, { key: 'documents', dir: 'desc' }).map((r) => r.entity)).toEqual(['Seattle', 'John', 'Google', 'Maria']);
  });

  it('turns the sorted column round, and starts numbers high and names at A', () => {
    expect(nextSort({ key: 'documents', dir: 'desc' }, 'documents')).toEqual({ key: 'documents', dir: 'asc' });
    expect(nextSort({ key: 'documents', dir: 'desc' }, 'meanSentiment')).toEqual({ key: 'meanSentiment', dir: 'desc' });
    expect(nextSort({ key: 'documents', dir: 'desc' }, 'entity')).toEqual({ key: 'entity', dir: 'asc' });
  });
});
