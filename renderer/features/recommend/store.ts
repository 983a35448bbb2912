import { create } from 'zustand';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { ApiCallError, api } from '../../api/client';
import { useExperiments } from '../experiments/store';
import { emptyRecommendForm, proposeRoles, toRecommendArgs, validateRecommend, weightsFor, withRecommendRole, type FieldErrors, type RecommendForm } from './form';

/** Event types beyond this many are not a column of event types (the host refuses them too). */
const MAX_EVENT_VALUES = 50;

export interface RecommendDialogState {
  /** The New run dialog is on its Recommend task. */
  active: boolean;
  form: RecommendForm;
  columns: ColumnDto[];
  columnsFor: string | null;
  columnsError: string | null;
  /** Columns of the feature datasets, by dataset id, once read. */
  featureColumns: Record<string, ColumnDto[]>;
  /** The event column's values were read (for a hint when it holds none). */
  eventValuesFor: string | null;
  fieldErrors: FieldErrors;
  formError: string | null;
  submitting: boolean;
  activate(dataset: string): void;
  deactivate(): void;
  patch(p: Partial<RecommendForm>): void;
  setRole(role: 'user' | 'item' | 'rating' | 'event' | 'count' | 'time', column: string): void;
  setDataset(id: string): void;
  setFeatures(which: 'item' | 'user', dataset: string): void;
  submit(): Promise<boolean>;
}

export const useRecommendForm = create<RecommendDialogState>()((set, get) => {
  /** Fills the weights with the event column's values, each weighing 1 (weights typed for the same values stay). */
  const readEvents = (dataset: string, column: string) => {
    const c = get().columns.find((x) => x.name === column);
    if (!c) return;
    api
      .invoke('datasets.columnValues', { id: dataset, position: c.position, limit: MAX_EVENT_VALUES })
      .then(({ values }) => {
        const { form } = get();
        if (form.dataset !== dataset || form.event !== column) return;
        const events = values.map((v) => v.value).filter((v): v is string | number => v !== null).map(String);
        set({ form: { ...form, weights: weightsFor(events, form.weights) }, eventValuesFor: column });
      })
      .catch((err: Error) => set({ columnsError: err.message }));
  };

  const readFeatureColumns = async (id: string): Promise<ColumnDto[] | null> => {
    const known = get().featureColumns[id];
    if (known) return known;
    try {
      const d = await api.invoke('datasets.get', { id });
      set((s) => ({ featureColumns: { ...s.featureColumns, [id]: d.columnsDetail } }));
      return d.columnsDetail;
    } catch (err) {
      set({ columnsError: (err as Error).message });
      return null;
    }
  };

  return {
    active: false,
    form: emptyRecommendForm(),
    columns: [],
    columnsFor: null,
    columnsError: null,
    featureColumns: {},
    eventValuesFor: null,
    fieldErrors: {},
    formError: null,
    submitting: false,

    activate(dataset) {
      const keep = get().form.dataset === dataset && get().columnsFor === dataset;
      set({ active: true, fieldErrors: {}, formError: null, submitting: false });
      if (!keep) get().setDataset(dataset);
    },

    deactivate: () => set({ active: false, submitting: false }),

    patch(p) {
      set((s) => {
        const form = { ...s.form, ...p };
        // Errors clear as they are fixed; new ones appear on the next submit.
        const now = validateRecommend(form);
        const fieldErrors = Object.fromEntries(Object.entries(s.fieldErrors).filter(([k]) => now[k]));
        return { form, fieldErrors, formError: null };
      });
    },

    setRole(role, column) {
      const next = withRecommendRole(get().form, role, column);
      if (role === 'event') {
        get().patch({ ...next, feedback: column ? 'event' : next.feedback, weights: [] });
        if (column) readEvents(next.dataset, column);
        return;
      }
      get().patch(next);
    },

    setDataset(id) {
      set((s) => ({ form: { ...emptyRecommendForm(id), model: s.form.model, params: s.form.params, k: s.form.k }, columns: [], columnsFor: null, columnsError: null, fieldErrors: {}, eventValuesFor: null }));
      if (!id) return;
      api
        .invoke('datasets.get', { id })
        .then((d) => {
          if (get().form.dataset !== id) return;
          const roles = proposeRoles(d.columnsDetail);
          set((s) => ({ columns: d.columnsDetail, columnsFor: id, form: { ...s.form, ...roles } }));
          if (roles.event) readEvents(id, roles.event);
        })
        .catch((err: Error) => get().form.dataset === id && set({ columnsError: err.message }));
    },

    setFeatures(which, dataset) {
      const key = which === 'item' ? 'itemKey' : 'userKey';
      get().patch(which === 'item' ? { itemFeatures: dataset, [key]: '' } : { userFeatures: dataset, [key]: '' });
      if (!dataset) return;
      // The key is proposed once the columns are known: the role's own column name, else an id-like one.
      void readFeatureColumns(dataset).then((cols) => {
        const f = get().form;
        if (!cols || (which === 'item' ? f.itemFeatures : f.userFeatures) !== dataset) return;
        const role = which === 'item' ? f.item : f.user;
        const guess = cols.find((c) => c.name === role) ?? cols.find((c) => /(^|_)id$|^id|key$/i.test(c.name)) ?? cols[0];
        if (guess) get().patch({ [key]: guess.name });
      });
    },

    async submit() {
      const s = get();
      if (s.submitting) return false;
      const errors = validateRecommend(s.form);
      if (Object.keys(errors).length) {
        set({ fieldErrors: errors, formError: 'Some fields need a look.' });
        return false;
      }
      set({ submitting: true, fieldErrors: {}, formError: null });
      try {
        const { runId } = await api.invoke('recommend.start', toRecommendArgs(s.form));
        set({ submitting: false, active: false });
        const runs = useExperiments.getState();
        runs.closeNewRun();
        runs.setQuery('');
        await runs.load();
        runs.select(runId);
        return true;
      } catch (err) {
        const field = err instanceof ApiCallError ? (err.details as { field?: string } | undefined)?.field : undefined;
        const msg = (err as Error).message;
        set({ submitting: false, formError: msg, fieldErrors: field ? { [field]: msg } : {} });
        return false;
      }
    },
  };
});
