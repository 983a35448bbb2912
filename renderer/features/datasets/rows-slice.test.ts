import { beforeEach, describe, expect, it, vi } from 'vitest';
import { countLabel, filterLabel, nextSort, parseBound, viewArgs, EMPTY_VIEW } from './table-view';

const invoke = vi.fn();
vi.mock('../../api/client', () => ({
  api: { invoke: (...a: unknown[]) => invoke(...a), on: () => () => undefined, hostKind: () => 'browser' },
  ApiCallError: class extends Error {},
  uploadFile: vi.fn(),
}));

const { useDatasets } = await import('./store');

/** A host answering pages of a 1,000-row dataset; a filtered view holds 30 rows. */
function host(delays: Record<string, Promise<void>> = {}) {
  invoke.mockImplementation(async (method: string, args: { offset: number; limit: number; filters?: unknown[]; search?: string }) => {
    if (method !== 'datasets.rows') throw new Error(`unexpected ${method}`);
    const key = JSON.stringify(args.filters ?? args.search ?? null);
    await delays[key];
    const total = args.filters || args.search ? 30 : 1000;
    const ids = Array.from({ length: Math.max(0, Math.min(args.limit, total - args.offset)) }, (_, i) => args.offset + i + 1);
    return { total, offset: args.offset, rows: ids.map((id) => [id]), rowIds: ids, datasetRows: 1000 };
  });
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const rowsCalls = () => invoke.mock.calls.filter(([m]) => m === 'datasets.rows').map(([, a]) => a);

beforeEach(() => {
  invoke.mockReset();
  useDatasets.getState().resetRows(null);
});

describe('rows slice: views', () => {
  it('sends the view with each page and refetches from scratch when it changes', async () => {
    host();
    const s = useDatasets.getState();
    s.ensurePages('d1', [0, 1]);
    await settle();
    expect(useDatasets.getState().total).toBe(1000);
    expect(rowsCalls()[0]).toEqual({ id: 'd1', offset: 0, limit: 200 });

    s.setSort({ position: 2, dir: 'desc' });
    s.setFilter(1, { kind: 'contains', position: 1, text: "it's 100%" });
    expect(useDatasets.getState().pages).toEqual({});
    expect(useDatasets.getState().total).toBeNull();
    useDatasets.getState().ensurePages('d1', [0]);
    await settle();
    expect(rowsCalls().at(-1)).toEqual({
      id: 'd1', offset: 0, limit: 200, sort: { position: 2, dir: 'desc' }, filters: [{ kind: 'contains', position: 1, text: "it's 100%" }],
    });
    const st = useDatasets.getState();
    expect([st.total, st.datasetRows, st.pageRowIds[0].length]).toEqual([30, 1000, 30]);

    st.clearFilters();
    expect(useDatasets.getState().view).toEqual({ ...EMPTY_VIEW, sort: { position: 2, dir: 'desc' } });
  });

  it('drops pages of an earlier view that arrive after the view changed', async () => {
    let release!: () => void;
    host({ 'null': new Promise<void>((r) => (release = r)) });
    const s = useDatasets.getState();
    s.ensurePages('d1', [0]);
    s.setSearch('porto');
    useDatasets.getState().ensurePages('d1', [0]);
    await settle();
    expect(useDatasets.getState().total).toBe(30);
    release();
    await settle();
    // The unfiltered page came last but belongs to the old view.
    expect(useDatasets.getState().total).toBe(30);
    expect(useDatasets.getState().pages[0]).toHaveLength(30);
  });

  it('keeps the view when the same dataset reloads its rows, and starts plain for another dataset', () => {
    host();
    const s = useDatasets.getState();
    s.ensurePages('d1', [0]);
    s.setFilter(0, { kind: 'range', position: 0, min: 1 });
    s.resetRows('d1');
    expect(Object.keys(useDatasets.getState().view.filters)).toEqual(['0']);
    s.resetRows('d2');
    expect(useDatasets.getState().view).toEqual(EMPTY_VIEW);
  });
});

describe('table view helpers', () => {
  it('cycles a column through ascending, descending and unsorted', () => {
    const asc = nextSort(EMPTY_VIEW, 3);
    expect(asc).toEqual({ position: 3, dir: 'asc' });
    const desc = nextSort({ ...EMPTY_VIEW, sort: asc }, 3);
    expect(desc).toEqual({ position: 3, dir: 'desc' });
    expect(nextSort({ ...EMPTY_VIEW, sort: desc }, 3)).toBeNull();
    expect(nextSort({ ...EMPTY_VIEW, sort: desc }, 1)).toEqual({ position: 1, dir: 'asc' });
  });

  it('sends nothing extra for the plain file order', () => {
    expect(viewArgs(EMPTY_VIEW)).toEqual({});
    expect(viewArgs({ ...EMPTY_VIEW, search: '  ' })).toEqual({});
  });

  it('labels counts and filters', () => {
    expect(countLabel(12_345, 1_000_000, true)).toBe(`${(12_345).toLocaleString()} of ${(1_000_000).toLocaleString()} rows`);
    expect(countLabel(null, 5, false)).toBe('5 rows');
    const col = { position: 0, name: 'price', type: 'float' as const, missing: 0 };
    expect(filterLabel({ kind: 'range', position: 0, min: 10, max: 50 }, col)).toBe('price 10–50');
    expect(filterLabel({ kind: 'values', position: 0, values: [1, 0] }, { ...col, name: 'sold', type: 'boolean' })).toBe('sold: true, false');
  });

  it('reads range bounds, refusing text', () => {
    expect(parseBound('')).toBeUndefined();
    expect(parseBound(' 1,500.5 ')).toBe(1500.5);
    expect(parseBound('abc')).toBe('invalid');
  });
});
