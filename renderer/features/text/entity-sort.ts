import type { EntityRowDto } from '../../../shared/api/text-dto';

export type EntitySortKey = 'entity' | 'kind' | 'documents' | 'mentions' | 'meanSentiment';
export interface EntitySort {
  key: EntitySortKey;
  dir: 'asc' | 'desc';
}

/** Rows in the chosen order; ties keep the host's order (most texts first). */
export function sortEntities(rows: readonly EntityRowDto[], sort: EntitySort): EntityRowDto[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const k = sort.key;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r[k];
      const y = b.r[k];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map(({ r }) => r);
}

/** A click on the sorted column turns it round; another column starts with its natural order. */
export function nextSort(current: EntitySort, key: EntitySortKey): EntitySort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'entity' || key === 'kind' ? 'asc' : 'desc' };
}
