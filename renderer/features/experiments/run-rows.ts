import type { RunSummaryDto } from '../../../shared/api/dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { headlineValue } from './run-columns';

/** What the list knows about a run beyond its summary, once its detail has been read. */
export interface RunExtra {
  durationMs: number | null;
  backend: string | null;
  params: Record<string, unknown>;
  tags: string[];
}

export const extraOf = (d: RunDetailDto): RunExtra => ({ durationMs: d.durationMs, backend: d.backend, params: d.params, tags: d.tags });

/** 'created', 'duration' or a metric column's key (run-columns.ts). */
export type SortKey = string;
export interface Sort {
  key: SortKey;
  desc: boolean;
}

export type ListItem =
  | { kind: 'group'; key: string; label: string; target: string; count: number }
  | { kind: 'run'; run: RunSummaryDto; group: string };

const groupKey = (r: RunSummaryDto) => `${r.datasetId ?? ''}\u0000${r.target ?? ''}`;

function valueFor(r: RunSummaryDto, key: SortKey, extras: Record<string, RunExtra>): number | string | null {
  if (key === 'created') return r.createdAt;
  if (key === 'duration') return extras[r.id]?.durationMs ?? null;
  const v = headlineValue(r, key);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Every word of the query must appear in the run's name, target, family, task, status, dataset, id, tags or params. */
export function matcher(query: string, datasetNames: Record<string, string>, extras: Record<string, RunExtra>) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  return (r: RunSummaryDto) => {
    const x = extras[r.id];
    const params = x ? Object.entries(x.params).map(([k, v]) => `${k}=${String(v)}`) : [];
    const hay = [r.name, r.target, r.family, r.task, r.status, r.id, r.datasetId ? datasetNames[r.datasetId] : '', ...(x?.tags ?? []), ...params, x?.backend]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

/**
 * Runs grouped by dataset and target (groups ordered by their newest run), sorted inside each
 * group; runs without a value for the sort key go last either way.
 */
export function buildItems(
  runs: RunSummaryDto[],
  opts: { query: string; sort: Sort; datasetNames: Record<string, string>; extras: Record<string, RunExtra> },
): ListItem[] {
  const keep = matcher(opts.query, opts.datasetNames, opts.extras);
  const groups = new Map<string, RunSummaryDto[]>();
  for (const r of runs) {
    if (!keep(r)) continue;
    const k = groupKey(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const { key, desc } = opts.sort;
  // Each run's value read once, not at every comparison.
  const values = new Map<RunSummaryDto, number | string | null>();
  for (const list of groups.values()) for (const r of list) values.set(r, valueFor(r, key, opts.extras));
  const cmp = (a: RunSummaryDto, b: RunSummaryDto) => {
    const va = values.get(a) ?? null;
    const vb = values.get(b) ?? null;
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return desc ? -c : c;
  };
  const newest = (list: RunSummaryDto[]) => list.reduce((m, r) => (r.createdAt > m ? r.createdAt : m), '');
  const ordered = [...groups.entries()].map(([k, list]) => ({ k, list, newest: newest(list) }));
  ordered.sort((a, b) => (a.newest < b.newest ? 1 : a.newest > b.newest ? -1 : 0));

  const items: ListItem[] = [];
  for (const { k, list } of ordered) {
    const first = list[0];
    const dataset = first.datasetId ? opts.datasetNames[first.datasetId] ?? `dataset ${first.datasetId.slice(0, 8)}` : 'deleted dataset';
    items.push({ kind: 'group', key: k, label: dataset, target: first.target ?? '?', count: list.length });
    for (const run of list.sort(cmp)) items.push({ kind: 'run', run, group: k });
  }
  return items;
}
