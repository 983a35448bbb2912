import type { StateCreator } from 'zustand';
import type { ExplorerPredictDto, ExplorerSchemaDto, ExplorerValue } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import { formatMetric, headlineKeys, metricLabel, runTitle, shortId } from '../experiments/format';
import { defaultDraft, toRow, type Draft } from './form-values';
import type { ExplorerState } from './store';

export interface ModelChoice {
  ref: string;
  label: string;
  /** What the model does ('recommend' opens the recommender view); the run behind it. */
  task?: string | null;
  runId?: string;
}

export type ExplorerTab = 'whatif' | 'batch';

export interface ModelSlice {
  /** The model explored: a run id, NAME@VERSION or NAME@ALIAS. */
  ref: string | null;
  /** What the page shows: a Lathe model, or an external .onnx file. */
  view: 'model' | 'onnx';
  tab: ExplorerTab;
  versions: ModelChoice[];
  runs: ModelChoice[];
  choicesLoaded: boolean;
  choicesError: string | null;
  schema: ExplorerSchemaDto | null;
  /** The model is a recommender: the recommender view replaces the what-if form (no schema is read). */
  recommender: boolean;
  schemaError: string | null;
  draft: Draft;
  /** Multiclass: the class to explain; null explains the predicted one. */
  explainClass: string | null;
  result: ExplorerPredictDto | null;
  /** The row `result` answers (a text model highlights the text it explained, not the one being typed). */
  resultRow: Record<string, ExplorerValue> | null;
  predictError: string | null;
  predicting: boolean;
  loadChoices(): Promise<void>;
  /** `kind` says what the model is when the choices may not be loaded yet. */
  setModel(ref: string | null, kind?: 'recommend'): void;
  setTab(tab: ExplorerTab): void;
  setValue(column: string, text: string | null): void;
  resetForm(): void;
  setExplainClass(cls: string | null): void;
  predictNow(): Promise<void>;
}

/** Typing and dragging settle this long before a prediction is asked for. */
export const PREDICT_DEBOUNCE_MS = 150;

let timer: ReturnType<typeof setTimeout> | null = null;
/** Answers to anything but the latest request are dropped. */
let latest = 0;

const message = (err: unknown) => (err as Error).message;

export const createModelSlice: StateCreator<ExplorerState, [], [], ModelSlice> = (set, get) => {
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void get().predictNow();
    }, PREDICT_DEBOUNCE_MS);
  };

  const loadSchema = async (ref: string) => {
    try {
      const schema = await api.invoke('explorer.schema', { model: ref });
      if (get().ref !== ref) return;
      set({ schema, draft: defaultDraft(schema.inputs), schemaError: null });
      void get().loadThresholds();
      await get().predictNow();
    } catch (err) {
      if (get().ref === ref) set({ schemaError: message(err) });
    }
  };

  return {
    ref: null,
    view: 'model',
    tab: 'whatif',
    versions: [],
    runs: [],
    choicesLoaded: false,
    choicesError: null,
    schema: null,
    recommender: false,
    schemaError: null,
    draft: {},
    explainClass: null,
    result: null,
    resultRow: null,
    predictError: null,
    predicting: false,

    async loadChoices() {
      try {
        const [models, runs] = await Promise.all([api.invoke('models.list', {}), api.invoke('runs.list', {})]);
        const details = await Promise.all(models.map((m) => api.invoke('models.get', { name: m.name }).catch(() => null)));
        const versions: ModelChoice[] = [];
        for (const d of details) {
          if (!d) continue;
          for (const [alias, version] of Object.entries(d.aliases)) {
            const ver = d.versions.find((v) => v.version === version);
            versions.push({ ref: `${d.name}@${alias}`, label: `${d.name}@${alias} (v${version})`, task: ver?.task, runId: ver?.runId });
          }
          for (const ver of d.versions) versions.push({ ref: `${d.name}@${ver.version}`, label: `${d.name}@${ver.version} · ${ver.family ?? ''} → ${ver.target ?? '?'}`, task: ver.task, runId: ver.runId });
        }
        const runChoices = runs
          .filter((r) => r.status === 'succeeded')
          .map((r) => {
            const [k] = headlineKeys(r.task, r.metrics);
            const m = k && r.metrics?.[k] !== undefined ? ` · ${metricLabel(k)} ${formatMetric(r.metrics[k])}` : '';
            return { ref: r.id, label: `${runTitle(r)} · run ${shortId(r.id)}${m}`, task: r.task, runId: r.id };
          });
        set({ versions, runs: runChoices, choicesLoaded: true, choicesError: null });
      } catch (err) {
        set({ choicesError: message(err), choicesLoaded: true });
      }
    },

    setModel(ref, kind) {
      // The same model again (Explore on the version already open) only brings its view back.
      if (ref === get().ref && !get().schemaError) return set({ view: 'model' });
      latest++;
      if (timer) clearTimeout(timer);
      const { versions, runs } = get();
      const recommender = kind === 'recommend' || [...versions, ...runs].find((c) => c.ref === ref)?.task === 'recommend';
      set({ ref, view: 'model', schema: null, recommender, schemaError: null, draft: {}, explainClass: null, result: null, resultRow: null, predictError: null, predicting: false });
      get().resetPdp();
      get().resetRows();
      get().resetThreshold();
      if (ref && !recommender) void loadSchema(ref);
    },

    setTab: (tab) => set({ tab }),

    setValue(column, text) {
      set((s) => ({ draft: { ...s.draft, [column]: text } }));
      schedule();
    },

    resetForm() {
      const schema = get().schema;
      if (!schema) return;
      set({ draft: defaultDraft(schema.inputs), picked: null });
      schedule();
    },

    setExplainClass(explainClass) {
      set({ explainClass });
      schedule();
    },

    async predictNow() {
      const { ref, schema, draft, explainClass } = get();
      if (!ref || !schema) return;
      const { row, problems } = toRow(schema.inputs, draft);
      // A field that cannot be sent is flagged beside it; the last prediction stays until it is fixed.
      if (problems.length) return;
      const mine = ++latest;
      set({ predicting: true });
      try {
        const result = await api.invoke('explorer.predict', { model: ref, rows: [row], explain: true, ...(explainClass ? { explainClass } : {}) });
        if (mine === latest) set({ result, resultRow: row, predictError: null, predicting: false });
      } catch (err) {
        if (mine === latest) set({ predictError: message(err), predicting: false });
      }
    },
  };
};
