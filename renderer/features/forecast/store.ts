import { create } from 'zustand';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { ForecastDetectionDto } from '../../../shared/api/forecast-dto';
import { ApiCallError, api } from '../../api/client';
import { useExperiments } from '../experiments/store';
import {
  columnTypeProblem,
  emptyForecastForm,
  proposeTarget,
  proposeTime,
  toDetectArgs,
  toStartArgs,
  validateForecast,
  withRole,
  type FieldErrors,
  type ForecastForm,
} from './form';

/** Detection waits for the choices to settle (typing, arrowing through a list). */
const DETECT_DELAY_MS = 250;

export interface ForecastDialogState {
  open: boolean;
  form: ForecastForm;
  columns: ColumnDto[];
  columnsFor: string | null;
  columnsError: string | null;
  /** What `forecast.detect` found for the current choices, and for which (its arguments as JSON). */
  detection: ForecastDetectionDto | null;
  detectionFor: string | null;
  detecting: boolean;
  detectError: string | null;
  fieldErrors: FieldErrors;
  formError: string | null;
  submitting: boolean;
  openForecast(): void;
  close(): void;
  patch(p: Partial<ForecastForm>): void;
  setRole(role: 'time' | 'target' | 'series' | 'events', column: string): void;
  setDataset(id: string): void;
  submit(): Promise<void>;
}

let detectTimer: ReturnType<typeof setTimeout> | null = null;
let detectSeq = 0;

const detectKey = (f: ForecastForm) => {
  const args = toDetectArgs(f);
  return args ? JSON.stringify(args) : null;
};

export const useForecast = create<ForecastDialogState>()((set, get) => {
  /** Asks the host what the chosen columns look like, once they settle; stale answers are dropped. */
  const scheduleDetect = () => {
    const { form, columns, detectionFor, detecting } = get();
    const key = detectKey(form);
    const typeProblem = columnTypeProblem('time', columns.find((c) => c.name === form.time)) ?? columnTypeProblem('target', columns.find((c) => c.name === form.target));
    if (key === detectionFor && !detecting) return;
    if (detectTimer) clearTimeout(detectTimer);
    const seq = ++detectSeq;
    if (!key || typeProblem || get().columnsFor !== form.dataset) {
      set({ detection: null, detectionFor: null, detecting: false, detectError: null });
      return;
    }
    set({ detecting: true, detectError: null });
    detectTimer = setTimeout(() => {
      detectTimer = null;
      api
        .invoke('forecast.detect', toDetectArgs(form)!)
        .then((detection) => {
          if (seq !== detectSeq) return;
          set((s) => ({ detection, detectionFor: key, detecting: false, detectError: null, form: withProposals(s.form, detection) }));
        })
        .catch((err: Error) => {
          if (seq !== detectSeq) return;
          set({ detection: null, detectionFor: key, detecting: false, detectError: err.message });
        });
    }, DETECT_DELAY_MS);
  };

  return {
    open: false,
    form: emptyForecastForm(),
    columns: [],
    columnsFor: null,
    columnsError: null,
    detection: null,
    detectionFor: null,
    detecting: false,
    detectError: null,
    fieldErrors: {},
    formError: null,
    submitting: false,

    openForecast() {
      const { datasets, selectedId, detail } = useExperiments.getState();
      const current = get().form.dataset;
      // The open run's dataset, else the one last used here, else the newest.
      const fromRun = selectedId && detail?.datasetId;
      const dataset = [fromRun, current].find((id) => id && datasets.some((d) => d.id === id)) ?? datasets[0]?.id ?? '';
      const keep = dataset === current && get().columnsFor === dataset;
      set({ open: true, fieldErrors: {}, formError: null, submitting: false, ...(keep ? {} : { form: emptyForecastForm(dataset) }) });
      if (!keep && dataset) get().setDataset(dataset);
      else scheduleDetect();
    },

    close() {
      if (detectTimer) clearTimeout(detectTimer);
      detectSeq++;
      set({ open: false, submitting: false, detecting: false });
    },

    patch(p) {
      set((s) => {
        const form = { ...s.form, ...p };
        const now = validateForecast(form, s.columns);
        // Errors clear as they are fixed; new ones appear on the next submit.
        const fieldErrors = Object.fromEntries(Object.entries(s.fieldErrors).filter(([k]) => now[k]));
        return { form, fieldErrors, formError: null };
      });
      scheduleDetect();
    },

    setRole(role, column) {
      get().patch(withRole(get().form, role, column));
    },

    setDataset(id) {
      set((s) => ({ form: { ...emptyForecastForm(id), model: s.form.model, params: s.form.params, levels: s.form.levels }, columns: [], columnsFor: null, columnsError: null, detection: null, detectionFor: null, detectError: null, fieldErrors: {} }));
      if (!id) return;
      api
        .invoke('datasets.get', { id })
        .then((d) => {
          if (get().form.dataset !== id) return;
          const columns = d.columnsDetail;
          set((s) => ({ columns, columnsFor: id, form: { ...s.form, time: proposeTime(columns), target: proposeTarget(columns) } }));
          scheduleDetect();
        })
        .catch((err: Error) => get().form.dataset === id && set({ columnsError: err.message }));
    },

    async submit() {
      const s = get();
      if (s.submitting) return;
      const errors = validateForecast(s.form, s.columns);
      // The reason beside Start already says why it cannot start; the fields show their own errors.
      if (startBlocker(s)) return set({ fieldErrors: errors, formError: null });
      if (Object.keys(errors).length) return set({ fieldErrors: errors, formError: 'Some fields need a look.' });
      set({ submitting: true, fieldErrors: {}, formError: null });
      try {
        const { runId } = await api.invoke('forecast.start', toStartArgs(s.form));
        set({ open: false, submitting: false });
        const runs = useExperiments.getState();
        runs.setQuery('');
        await runs.load();
        runs.select(runId);
      } catch (err) {
        const field = err instanceof ApiCallError ? (err.details as { field?: string } | undefined)?.field : undefined;
        const msg = (err as Error).message;
        set({ submitting: false, formError: msg, fieldErrors: field ? { [field]: msg } : {} });
      }
    },
  };
});

/** Detection's proposals fill the fields the user has not typed in. */
function withProposals(f: ForecastForm, d: ForecastDetectionDto): ForecastForm {
  const next = { ...f };
  if (!f.seasonsEdited) next.seasons = d.seasonalPeriods.join(', ');
  if (!f.horizonEdited && d.seasonalPeriods.length) next.horizon = String(Math.round(d.seasonalPeriods[0]));
  return next;
}

/** Why Start cannot be pressed yet, in words; null when it can. */
export function startBlocker(s: Pick<ForecastDialogState, 'form' | 'columns' | 'columnsFor' | 'columnsError' | 'detection' | 'detectionFor' | 'detecting' | 'detectError'>): string | null {
  const { form } = s;
  if (!form.dataset) return 'Choose a dataset first.';
  if (s.columnsError) return `The dataset could not be read: ${s.columnsError}`;
  if (s.columnsFor !== form.dataset) return 'Reading the dataset’s columns…';
  if (!form.time) return s.columns.some((c) => c.type === 'date' || c.type === 'datetime') ? 'Choose the time column.' : 'This dataset has no date column: a forecast needs one (import it with its dates, or change a column’s type to date in Datasets).';
  if (!form.target) return 'Choose the column to forecast.';
  const typeProblem = columnTypeProblem('time', s.columns.find((c) => c.name === form.time)) ?? columnTypeProblem('target', s.columns.find((c) => c.name === form.target));
  if (typeProblem) return typeProblem;
  if (s.detecting || s.detectionFor !== detectKey(form)) return 'Checking the series…';
  if (s.detectError) return `Cannot forecast these columns: ${s.detectError}`;
  const d = s.detection;
  if (d && d.duplicateRule === 'error' && d.duplicates.length > 0)
    return `${d.duplicates.length.toLocaleString()} time point${d.duplicates.length === 1 ? ' has' : 's have'} several rows: choose how to combine them.`;
  return null;
}
