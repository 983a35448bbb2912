/**
 * The list-and-open-item half of a page's store: the items, the one open and its detail, kept in step
 * as the list reloads (the first item opens; an item that is gone is let go) and as answers arrive out
 * of order (a detail for an item no longer open is dropped).
 */
import type { StoreApi } from 'zustand';
import { ApiCallError } from './client';

export interface ListDetailState<Item, Detail> {
  list: Item[];
  loaded: boolean;
  error: string | null;
  selected: string | null;
  detail: Detail | null;
  detailError: string | null;
  load(): Promise<void>;
  select(key: string | null): void;
  reloadDetail(): Promise<void>;
  dismissError(): void;
}

export interface ListDetailSource<Item, Detail> {
  fetchList(): Promise<Item[]>;
  keyOf(item: Item): string;
  fetchDetail(key: string): Promise<Detail>;
}

export const errorMessage = (err: unknown): string => (err as Error).message;

export function listDetailSlice<Item, Detail, S extends ListDetailState<Item, Detail>>(
  set: StoreApi<S>['setState'], get: StoreApi<S>['getState'], source: ListDetailSource<Item, Detail>,
): ListDetailState<Item, Detail> {
  const patch = (p: Partial<ListDetailState<Item, Detail>>) => set(p as Partial<S>);
  return {
    list: [],
    loaded: false,
    error: null,
    selected: null,
    detail: null,
    detailError: null,

    async load() {
      try {
        const list = await source.fetchList();
        patch({ list, loaded: true, error: null });
        const { selected } = get();
        if (!selected || !list.some((i) => source.keyOf(i) === selected)) get().select(list[0] ? source.keyOf(list[0]) : null);
      } catch (err) {
        patch({ error: errorMessage(err), loaded: true });
      }
    },

    select(key) {
      if (key === get().selected) return;
      patch({ selected: key, detail: null, detailError: null });
      if (key) void get().reloadDetail();
    },

    async reloadDetail() {
      const key = get().selected;
      if (!key) return;
      try {
        const detail = await source.fetchDetail(key);
        if (get().selected === key) patch({ detail, detailError: null });
      } catch (err) {
        if (get().selected !== key) return;
        if (err instanceof ApiCallError && err.code === 'not_found') patch({ selected: null, detail: null });
        else patch({ detailError: errorMessage(err) });
      }
    },

    dismissError: () => patch({ error: null }),
  };
}
