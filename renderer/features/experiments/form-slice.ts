import type { StateCreator } from 'zustand';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { api, ApiCallError } from '../../api/client';
import { FAMILY_PARAMS, emptyForm, toArgs, validate, type FieldErrors, type NewRunForm, type TaskChoice } from './form';
import { isFamily, isTextOnlyFamily, paramText } from '../../../shared/families/index';
import type { ExperimentsState } from './store';

export interface FormSlice {
  formOpen: boolean;
  form: NewRunForm;
  /** Columns of the form's dataset, once read. */
  columns: ColumnDto[];
  columnsFor: string | null;
  columnsError: string | null;
  submitting: boolean;
  /** Shown once the user has tried to submit, or when the host refused a field. */
  fieldErrors: FieldErrors;
  /** The last refusal can be overridden by the user (a target the learnability check refused). */
  overridable: boolean;
  formError: string | null;
  /** Opens the dialog, starting from a run's settings when given. */
  openNewRun(from?: RunDetailDto | null): void;
  /** Opens the dialog with a run's target, columns, model and parameters, continuing from its model. */
  continueRun(from: RunDetailDto): void;
  closeNewRun(): void;
  patchForm(p: Partial<NewRunForm>): void;
  setFormDataset(id: string): void;
  submitNewRun(): Promise<void>;
}

export const createFormSlice: StateCreator<ExperimentsState, [], [], FormSlice> = (set, get) => ({
  formOpen: false,
  form: emptyForm(),
  columns: [],
  columnsFor: null,
  columnsError: null,
  submitting: false,
  fieldErrors: {},
  overridable: false,
  formError: null,

  openNewRun(from) {
    const { datasets, form } = get();
    const known = (id: string | null | undefined) => (id && datasets.some((d) => d.id === id) ? id : null);
    const dataset = known(from?.datasetId) ?? known(form.dataset) ?? datasets[0]?.id ?? '';
    const next = from && from.datasetId === dataset ? { ...emptyForm(dataset), target: from.target ?? '', exclude: from.exclude } : { ...emptyForm(dataset), target: dataset === form.dataset ? form.target : '' };
    set({ formOpen: true, form: next, fieldErrors: {}, formError: null, submitting: false, overridable: false });
    if (dataset) get().setFormDataset(dataset);
  },

  continueRun(from) {
    get().openNewRun(from);
    if (!from.family || !isFamily(from.family) || isTextOnlyFamily(from.family)) return;
    const family = from.family;
    const typed = Object.fromEntries(
      FAMILY_PARAMS[family].map((def) => [def.key, def.key in from.params ? paramText(from.params[def.key]) : def.value]),
    );
    const task: TaskChoice = from.task === 'regression' || from.task === 'binary' || from.task === 'multiclass' ? from.task : 'auto';
    set((s) => ({ form: { ...s.form, family, task, params: { ...s.form.params, [family]: { ...s.form.params[family], ...typed } }, warmStartFrom: from.id } }));
  },

  closeNewRun: () => set({ formOpen: false, submitting: false }),

  patchForm(p) {
    set((s) => {
      const form = { ...s.form, ...p };
      // Errors clear as they are fixed; new ones appear only on the next submit.
      const now = validate(form);
      const fieldErrors = Object.fromEntries(Object.entries(s.fieldErrors).filter(([k]) => now[k]));
      return { form, fieldErrors, formError: null };
    });
  },

  setFormDataset(id) {
    const keepTarget = id === get().form.dataset;
    set((s) => ({ form: { ...s.form, dataset: id, ...(keepTarget ? {} : { target: '', exclude: [], timeColumn: '' }) } }));
    if (get().columnsFor === id) return;
    set({ columns: [], columnsFor: null, columnsError: null });
    api
      .invoke('datasets.get', { id })
      .then((d) => {
        if (get().form.dataset !== id) return;
        const names = new Set(d.columnsDetail.map((c) => c.name));
        set((s) => ({
          columns: d.columnsDetail,
          columnsFor: id,
          // A target carried over from an earlier run must still exist.
          form: names.has(s.form.target) ? s.form : { ...s.form, target: '' },
        }));
      })
      .catch((err: Error) => get().form.dataset === id && set({ columnsError: err.message }));
  },

  async submitNewRun() {
    const { form, submitting } = get();
    if (submitting) return;
    const errors = validate(form);
    if (Object.keys(errors).length) return set({ fieldErrors: errors, formError: 'Some fields need a look.' });
    set({ submitting: true, fieldErrors: {}, formError: null });
    try {
      const { runId } = await api.invoke('runs.start', toArgs(form));
      set({ formOpen: false, submitting: false, query: '' });
      await get().load();
      get().select(runId);
    } catch (err) {
      const details = err instanceof ApiCallError ? (err.details as { field?: string; overridable?: string } | undefined) : undefined;
      const msg = (err as Error).message;
      set({ submitting: false, formError: msg, fieldErrors: details?.field ? { [details.field]: msg } : {}, overridable: details?.overridable === 'allowAnyTarget' });
    }
  },
});
