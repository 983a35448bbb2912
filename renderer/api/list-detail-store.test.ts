import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiCallError } from './client';
import { listDetailSlice, type ListDetailState } from './list-detail-store';

type Item = { id: string };
type State = ListDetailState<Item, string>;

/** A store over a fake source whose detail answers wait until released, to test answers that arrive late. */
function setup(items: Item[]) {
  const pending: { key: string; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const source = {
    fetchList: async () => items.slice(),
    keyOf: (i: Item) => i.id,
    fetchDetail: (key: string) => new Promise<string>((resolve, reject) => pending.push({ key, resolve, reject })),
  };
  const store = createStore<State>()((set, get) => listDetailSlice<Item, string, State>(set, get, source));
  return { store, pending, items };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('listDetailSlice', () => {
  it('opens the first item after the first load, and lets go of one that is gone', async () => {
    const { store, pending, items } = setup([{ id: 'a' }, { id: 'b' }]);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, selected: 'a', detail: null });
    pending[0].resolve('detail of a');
    await tick();
    expect(store.getState().detail).toBe('detail of a');
    items.shift();
    await store.getState().load();
    expect(store.getState().selected).toBe('b');
  });

  it('drops a detail that arrives after another item was opened', async () => {
    const { store, pending } = setup([{ id: 'a' }, { id: 'b' }]);
    await store.getState().load();
    store.getState().select('b');
    pending[1].resolve('detail of b');
    pending[0].resolve('detail of a');
    await tick();
    expect(store.getState()).toMatchObject({ selected: 'b', detail: 'detail of b' });
  });

  it('closes an item the host no longer has, and keeps any other error to show', async () => {
    const { store, pending } = setup([{ id: 'a' }]);
    await store.getState().load();
    pending[0].reject(new ApiCallError({ code: 'not_found', message: 'gone' }));
    await tick();
    expect(store.getState()).toMatchObject({ selected: null, detailError: null });
    store.getState().select('a');
    pending[1].reject(new ApiCallError({ code: 'internal', message: 'disk full' }));
    await tick();
    expect(store.getState()).toMatchObject({ selected: 'a', detailError: 'disk full' });
  });

  it('keeps a failed list load as an error the page can dismiss', async () => {
    const store = createStore<State>()((set, get) => listDetailSlice<Item, string, State>(set, get, {
      fetchList: () => Promise.reject(new Error('database busy')), keyOf: (i) => i.id, fetchDetail: async () => '',
    }));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, error: 'database busy' });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });
});
