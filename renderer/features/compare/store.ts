import { create } from 'zustand';
import type { CompareResultDto, RunDetailDto } from '../../../shared/api/runs-dto';
import type { ArgsOf } from '../../../shared/api/contract';
import { api } from '../../api/client';

export type CompareTab = 'runs' | 'sweeps';

export interface AbState {
  metric: string;
  margin: string;
  busy: boolean;
  result: CompareResultDto | null;
  error: string | null;
  /** The pair ("a b") the result or error is about: picking other runs hides it. */
  pair: string | null;
}

/**
 * Which runs the user has picked to compare (kept while moving between sections), in the order
 * picked: the first is the baseline the others are measured against.
 */
interface CompareState {
  selected: Set<string>;
  tab: CompareTab;
  details: Record<string, RunDetailDto>;
  detailErrors: Record<string, string>;
  ab: AbState;
  toggle(id: string): void;
  clear(): void;
  /** Moves a picked run to the front. */
  makeBaseline(id: string): void;
  /** Drops picks of runs that no longer exist. */
  keepOnly(ids: Set<string>): void;
  setTab(tab: CompareTab): void;
  /** Reads the details (curves, params) of picked runs not read yet, or all of `force`. */
  loadDetails(force?: string[]): void;
  patchAb(p: Partial<Pick<AbState, 'metric' | 'margin'>>): void;
  runAb(): Promise<void>;
}

const pending = new Set<string>();
const EMPTY_AB: AbState = { metric: '', margin: '0', busy: false, result: null, error: null, pair: null };

export const pairOf = (selected: Set<string>): [string, string] | null => {
  const ids = [...selected];
  return ids.length === 2 ? [ids[0], ids[1]] : null;
};

export const useCompare = create<CompareState>((set, get) => ({
  selected: new Set(),
  tab: 'runs',
  details: {},
  detailErrors: {},
  ab: EMPTY_AB,

  toggle: (id) => {
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next };
    });
    get().loadDetails();
  },
  clear: () => set({ selected: new Set() }),
  makeBaseline: (id) => set((s) => ({ selected: new Set([id, ...[...s.selected].filter((x) => x !== id)]) })),
  keepOnly: (ids) => {
    const { selected } = get();
    if ([...selected].every((id) => ids.has(id))) return;
    set({ selected: new Set([...selected].filter((id) => ids.has(id))) });
  },
  setTab: (tab) => set({ tab }),

  loadDetails(force = []) {
    const { selected, details } = get();
    const todo = [...selected].filter((id) => (force.includes(id) || !details[id]) && !pending.has(id));
    for (const id of todo) {
      pending.add(id);
      api
        .invoke('runs.get', { id })
        .then((d) => set((s) => ({ details: { ...s.details, [id]: d }, detailErrors: omit(s.detailErrors, id) })))
        .catch((err: Error) => set((s) => ({ detailErrors: { ...s.detailErrors, [id]: err.message } })))
        .finally(() => pending.delete(id));
    }
  },

  patchAb: (p) => set((s) => ({ ab: { ...s.ab, ...p } })),

  async runAb() {
    const pair = pairOf(get().selected);
    const { ab } = get();
    if (!pair || ab.busy) return;
    const margin = Number(ab.margin || '0');
    const key = pair.join(' ');
    if (!Number.isFinite(margin) || margin < 0) {
      set({ ab: { ...ab, error: 'The margin must be a number of 0 or more, in the metric’s units.', result: null, pair: key } });
      return;
    }
    set({ ab: { ...ab, busy: true, error: null, result: null, pair: key } });
    try {
      const metric = (ab.metric || undefined) as ArgsOf<'runs.compare'>['metric'];
      const result = await api.invoke('runs.compare', { a: pair[0], b: pair[1], metric, margin });
      set((s) => ({ ab: { ...s.ab, busy: false, result, error: null } }));
    } catch (err) {
      set((s) => ({ ab: { ...s.ab, busy: false, result: null, error: (err as Error).message } }));
    }
  },
}));

function omit<T>(rec: Record<string, T>, key: string): Record<string, T> {
  if (!(key in rec)) return rec;
  const out = { ...rec };
  delete out[key];
  return out;
}
