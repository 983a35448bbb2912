import { create } from 'zustand';
import type { DatasetSummaryDto, JobDto } from '../../../shared/api/dto';
import type { DriftReportDto } from '../../../shared/api/monitor-dto';
import type { OutcomesReportDto } from '../../../shared/api/outcomes-dto';
import { api } from '../../api/client';

/** A registered version as a reference: its aliases first (NAME@production), then each version. */
export interface ModelRef {
  ref: string;
  label: string;
  /** The model's target, for the outcomes form's defaults. */
  target: string | null;
}

export type OutcomeWindowChoice = 'day' | 'week' | 'rows';

interface OutcomesForm {
  model: string;
  predictions: string;
  outcomes: string;
  key: string;
  window: OutcomeWindowChoice;
  rows: number;
}

interface MonitorState {
  datasets: DatasetSummaryDto[];
  models: ModelRef[];
  loaded: boolean;
  reference: string;
  current: string;
  jobId: string | null;
  report: DriftReportDto | null;
  /** The feature whose distributions are drawn. */
  selected: string | null;
  /** Columns of the current dataset that are dates (their bins read as days). */
  dateColumns: string[];
  error: string | null;
  form: OutcomesForm;
  outcomes: OutcomesReportDto | null;
  outcomesBusy: boolean;
  outcomesError: string | null;
  load(): Promise<void>;
  patch(p: Partial<Pick<MonitorState, 'reference' | 'current'>>): void;
  run(): Promise<void>;
  jobSettled(job: JobDto): void;
  select(name: string): void;
  patchForm(p: Partial<OutcomesForm>): void;
  runOutcomes(): Promise<void>;
}

const message = (err: unknown) => (err as Error).message;

async function modelRefs(): Promise<ModelRef[]> {
  const models = await api.invoke('models.list', {});
  const details = await Promise.all(models.map((m) => api.invoke('models.get', { name: m.name })));
  return details.flatMap((d) => {
    const target = d.versions[0]?.target ?? null;
    const aliases = Object.entries(d.aliases).map(([alias, v]) => ({ ref: `${d.name}@${alias}`, label: `${d.name}@${alias} (${v})`, target }));
    return [...aliases, ...d.versions.map((v) => ({ ref: `${d.name}@${v.version}`, label: `${d.name}@${v.version}`, target: v.target }))];
  });
}

/** The drift report and the performance panel: what is picked, the running job, and what came back. */
export const useMonitor = create<MonitorState>((set, get) => ({
  datasets: [],
  models: [],
  loaded: false,
  reference: '',
  current: '',
  jobId: null,
  report: null,
  selected: null,
  dateColumns: [],
  error: null,
  form: { model: '', predictions: '', outcomes: '', key: '', window: 'week', rows: 500 },
  outcomes: null,
  outcomesBusy: false,
  outcomesError: null,

  async load() {
    try {
      const [datasets, models] = await Promise.all([api.invoke('datasets.list', {}), modelRefs()]);
      const s = get();
      const known = (v: string) => datasets.some((d) => d.id === v) || models.some((m) => m.ref === v);
      // Keep what is picked while it exists; otherwise the oldest dataset against the newest.
      const reference = known(s.reference) ? s.reference : (datasets[datasets.length - 1]?.id ?? '');
      const current = datasets.some((d) => d.id === s.current) ? s.current : (datasets.find((d) => d.id !== reference)?.id ?? '');
      const form = { ...s.form, model: models.some((m) => m.ref === s.form.model) ? s.form.model : (models[0]?.ref ?? '') };
      set({ datasets, models, loaded: true, reference, current, form });
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  patch(p) {
    set(p);
  },

  async run() {
    const { reference, current } = get();
    try {
      set({ error: null });
      const { jobId } = await api.invoke('monitor.startDrift', { reference, current });
      set({ jobId });
    } catch (err) {
      set({ error: message(err) });
    }
  },

  jobSettled(job) {
    if (job.id !== get().jobId) return;
    if (job.status === 'succeeded') {
      const report = job.result as DriftReportDto;
      set({ jobId: null, report, selected: report.features[0]?.name ?? null, error: null });
      void api.invoke('datasets.get', { id: get().current }).then(
        (d) => set({ dateColumns: d.columnsDetail.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => c.name) }),
        () => undefined,
      );
    } else {
      set({ jobId: null, error: job.status === 'cancelled' ? null : (job.error?.message ?? `The drift check was ${job.status}.`) });
    }
  },

  select(name) {
    set({ selected: name });
  },

  patchForm(p) {
    set((s) => ({ form: { ...s.form, ...p } }));
  },

  async runOutcomes() {
    const f = get().form;
    try {
      set({ outcomesBusy: true, outcomesError: null });
      const outcomes = await api.invoke('monitor.outcomes', {
        model: f.model,
        predictions: f.predictions,
        outcomes: f.outcomes,
        key: f.key.trim() || undefined,
        window: f.window === 'rows' ? f.rows : f.window,
      });
      set({ outcomes, outcomesBusy: false });
    } catch (err) {
      set({ outcomesError: message(err), outcomesBusy: false });
    }
  },
}));
