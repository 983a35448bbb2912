import { create } from 'zustand';
import type { RecommendAnswerDto } from '../../../shared/api/recommend-dto';
import { RECOMMEND_DEFAULTS, type GroupStrategy } from '../../../shared/families/recommend';
import { api } from '../../api/client';
import { preferenceOptions, type PreferenceField } from './preferences';

/** Typing in a user search settles this long before the host is asked. */
const SEARCH_DELAY_MS = 200;
/** Members a group may have in this view. */
export const GROUP_MIN = 2;
export const GROUP_MAX = 8;

export interface UserHit {
  user: string;
  interactions: number;
}

/** One question and its answer: the latest request wins, earlier answers are dropped. */
export interface Answered {
  answer: RecommendAnswerDto | null;
  error: string | null;
  busy: boolean;
}

const idle: Answered = { answer: null, error: null, busy: false };

export type RecommendView = 'user' | 'group' | 'cold' | 'similar';

interface State {
  model: string | null;
  view: RecommendView;
  k: number;
  /** The user search (shared by the user picker and the group builder). */
  search: string;
  hits: UserHit[];
  searchError: string | null;
  searching: boolean;
  user: string | null;
  forUser: Answered;
  members: string[];
  strategy: GroupStrategy;
  forGroup: Answered;
  /** Cold start: the item features one may state preferences on, once read. */
  fields: PreferenceField[] | null;
  fieldsError: string | null;
  prefer: Record<string, string[]>;
  forCold: Answered;
  similarTo: string;
  forSimilar: Answered;
  open(model: string, runId: string | null): void;
  setView(view: RecommendView): void;
  setSearch(text: string): void;
  chooseUser(user: string): Promise<void>;
  addMember(user: string): void;
  removeMember(user: string): void;
  setStrategy(s: GroupStrategy): void;
  recommendGroup(): Promise<void>;
  setPreference(column: string, values: string[]): void;
  recommendCold(): Promise<void>;
  setSimilarTo(item: string): void;
  recommendSimilar(): Promise<void>;
}

let searchTimer: ReturnType<typeof setTimeout> | null = null;
const seq: Record<string, number> = {};

export const useRecommendExplorer = create<State>()((set, get) => {
  /** Asks recommend.query and files the answer under `key`, unless a newer question came since. */
  const ask = async (key: 'forUser' | 'forGroup' | 'forCold' | 'forSimilar', query: Record<string, unknown>) => {
    const model = get().model;
    if (!model) return;
    const mine = (seq[key] = (seq[key] ?? 0) + 1);
    set({ [key]: { ...get()[key], busy: true, error: null } } as Partial<State>);
    try {
      const answer = await api.invoke('recommend.query', { model, k: get().k, ...query });
      if (seq[key] === mine && get().model === model) set({ [key]: { answer, error: null, busy: false } } as Partial<State>);
    } catch (err) {
      if (seq[key] === mine && get().model === model) set({ [key]: { answer: null, error: (err as Error).message, busy: false } } as Partial<State>);
    }
  };

  const searchUsers = async () => {
    const { model, search } = get();
    if (!model) return;
    const mine = (seq.search = (seq.search ?? 0) + 1);
    set({ searching: true });
    try {
      const { users } = await api.invoke('recommend.users', { model, search: search.trim(), limit: 20 });
      if (seq.search === mine) set({ hits: users, searchError: null, searching: false });
    } catch (err) {
      if (seq.search === mine) set({ hits: [], searchError: (err as Error).message, searching: false });
    }
  };

  return {
    model: null,
    view: 'user',
    k: RECOMMEND_DEFAULTS.k,
    search: '',
    hits: [],
    searchError: null,
    searching: false,
    user: null,
    forUser: idle,
    members: [],
    strategy: RECOMMEND_DEFAULTS.groupStrategy,
    forGroup: idle,
    fields: null,
    fieldsError: null,
    prefer: {},
    forCold: idle,
    similarTo: '',
    forSimilar: idle,

    open(model, runId) {
      if (get().model === model) return;
      for (const k of Object.keys(seq)) seq[k]++;
      set({ model, search: '', hits: [], searchError: null, user: null, forUser: idle, members: [], forGroup: idle, fields: null, fieldsError: null, prefer: {}, forCold: idle, similarTo: '', forSimilar: idle });
      void searchUsers();
      if (!runId) return set({ fields: [] });
      preferenceOptions(runId)
        .then((fields) => get().model === model && set({ fields }))
        .catch((err: Error) => get().model === model && set({ fields: [], fieldsError: err.message }));
    },

    setView: (view) => set({ view }),

    setSearch(search) {
      set({ search });
      if (searchTimer) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void searchUsers(), SEARCH_DELAY_MS);
    },

    async chooseUser(user) {
      set({ user });
      await ask('forUser', { user });
    },

    addMember(user) {
      const { members } = get();
      if (members.includes(user) || members.length >= GROUP_MAX) return;
      set({ members: [...members, user], forGroup: idle });
    },

    removeMember(user) {
      set((s) => ({ members: s.members.filter((m) => m !== user), forGroup: idle }));
    },

    setStrategy(strategy) {
      set({ strategy });
      if (get().members.length >= GROUP_MIN && get().forGroup.answer) void get().recommendGroup();
    },

    async recommendGroup() {
      const { members, strategy } = get();
      if (members.length < GROUP_MIN) return;
      await ask('forGroup', { group: members, strategy });
    },

    setPreference(column, values) {
      set((s) => {
        const prefer = { ...s.prefer, [column]: values };
        if (!values.length) delete prefer[column];
        return { prefer };
      });
    },

    async recommendCold() {
      const prefer = Object.fromEntries(Object.entries(get().prefer).filter(([, v]) => v.length));
      if (!Object.keys(prefer).length) return;
      await ask('forCold', { prefer });
    },

    setSimilarTo: (similarTo) => set({ similarTo }),

    async recommendSimilar() {
      const item = get().similarTo.trim();
      if (item) await ask('forSimilar', { similarTo: item });
    },
  };
});
