import { create } from 'zustand';
import type { SweepDto } from '../../../shared/api/methods/sweeps';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { api } from '../../api/client';
import { emptySweepForm, toSweepArgs, validateSweep, type SweepForm } from './sweep-form';

/** Sweeps: the list (newest first), the one open, and the New sweep form. */
interface SweepsState {
  sweeps: SweepDto[];
  loaded: boolean;
  error: string | null;
  selectedId: string | null;
  cancelling: boolean;
  formOpen: boolean;
  form: SweepForm;
  fieldErrors: Record<string, string>;
  formError: string | null;
  submitting: boolean;
  columns: ColumnDto[];
  columnsFor: string | null;
  load(): Promise<void>;
  /** Reads one sweep again (after `sweeps.changed`). */
  refresh(id: string): Promise<void>;
  select(id: string | null): void;
  cancel(id: string): Promise<void>;
  dismissError(): void;
  openForm(datasetId: string, target?: string): void;
  closeForm(): void;
  patchForm(p: Partial<SweepForm>): void;
  setFormDataset(id: string): void;
  submit(): Promise<void>;
}

const message = (err: unknown) => (err as Error).message;

export const useSweeps = create<SweepsState>((set, get) => ({
  sweeps: [],
  loaded: false,
  error: null,
  selectedId: null,
  cancelling: false,
  formOpen: false,
  form: emptySweepForm(),
  fieldErrors: {},
  formError: null,
  submitting: false,
  columns: [],
  columnsFor: null,

  async load() {
    try {
      const sweeps = await api.invoke('sweeps.list', {});
      const { selectedId } = get();
      const keep = selectedId && sweeps.some((s) => s.id === selectedId) ? selectedId : (sweeps[0]?.id ?? null);
      set({ sweeps, loaded: true, error: null, selectedId: keep });
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  async refresh(id) {
    try {
      const sweep = await api.invoke('sweeps.get', { id });
      set((s) => {
        const at = s.sweeps.findIndex((x) => x.id === id);
        const sweeps = at < 0 ? [sweep, ...s.sweeps] : s.sweeps.map((x) => (x.id === id ? sweep : x));
        return { sweeps, selectedId: s.selectedId ?? id };
      });
    } catch {
      void get().load();
    }
  },

  select: (selectedId) => set({ selectedId }),

  async cancel(id) {
    set({ cancelling: true });
    try {
      const sweep = await api.invoke('sweeps.cancel', { id });
      set((s) => ({ sweeps: s.sweeps.map((x) => (x.id === id ? sweep : x)) }));
    } catch (err) {
      set({ error: message(err) });
    } finally {
      set({ cancelling: false });
    }
  },

  dismissError: () => set({ error: null }),

  openForm(datasetId, target = '') {
    const prev = get().form;
    // Reopened on the same dataset, the form keeps what was typed last time.
    const form = prev.dataset === datasetId && !target ? prev : emptySweepForm(datasetId, target);
    set({ formOpen: true, form, fieldErrors: {}, formError: null, submitting: false });
    if (datasetId) get().setFormDataset(datasetId);
  },

  closeForm: () => set({ formOpen: false, submitting: false }),

  patchForm(p) {
    set((s) => {
      const form = { ...s.form, ...p };
      const now = validateSweep(form);
      return { form, formError: null, fieldErrors: Object.fromEntries(Object.entries(s.fieldErrors).filter(([k]) => now[k])) };
    });
  },

  setFormDataset(id) {
    const same = id === get().form.dataset;
    set((s) => ({ form: { ...s.form, dataset: id, target: same ? s.form.target : '' } }));
    if (get().columnsFor === id) return;
    set({ columns: [], columnsFor: null });
    api
      .invoke('datasets.get', { id })
      .then((d) => {
        if (get().form.dataset !== id) return;
        const names = new Set(d.columnsDetail.map((c) => c.name));
        set((s) => ({ columns: d.columnsDetail, columnsFor: id, form: names.has(s.form.target) ? s.form : { ...s.form, target: '' } }));
      })
      .catch((err: Error) => set({ formError: err.message }));
  },

  async submit() {
    const { form, submitting } = get();
    if (submitting) return;
    const errors = validateSweep(form);
    if (Object.keys(errors).length) return set({ fieldErrors: errors, formError: 'Some fields need a look.' });
    set({ submitting: true, fieldErrors: {}, formError: null });
    try {
      const { sweepId } = await api.invoke('sweeps.start', toSweepArgs(form));
      set({ formOpen: false, submitting: false, selectedId: sweepId });
      await get().refresh(sweepId);
    } catch (err) {
      set({ submitting: false, formError: message(err) });
    }
  },
}));

/** Keeps the list in step with the host while shown: each changed sweep is read again, at most every 250 ms. */
export function connectSweepEvents(): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const off = api.on('sweeps.changed', ({ sweepId }) => {
    if (timers.has(sweepId)) return;
    timers.set(
      sweepId,
      setTimeout(() => {
        timers.delete(sweepId);
        void useSweeps.getState().refresh(sweepId);
      }, 250),
    );
  });
  return () => {
    off();
    timers.forEach((t) => clearTimeout(t));
  };
}
