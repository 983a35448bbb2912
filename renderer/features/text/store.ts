/**
 * The Text page's state: which dataset and columns, the latest derived datasets (scores, entities),
 * the sentiment summary, and the jobs that make them.
 */
import { create } from 'zustand';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { DatasetSummaryDto, JobDto } from '../../../shared/api/dto';
import type { EntitiesOutcomeDto, SentimentOutcomeDto, TextAggregatesDto, TextResultsDto } from '../../../shared/api/text-dto';
import { api } from '../../api/client';
import { pickColumns, type Bucket } from './columns';

interface TextState {
  datasets: DatasetSummaryDto[];
  datasetId: string;
  columns: ColumnDto[];
  text: string;
  time: string;
  by: string;
  bucket: Bucket;
  results: TextResultsDto | null;
  aggregates: TextAggregatesDto | null;
  /** The summary being computed (its request's key, so a late answer for other columns is dropped). */
  aggregatesFor: string | null;
  sentimentJobId: string | null;
  entitiesJobId: string | null;
  lastSentiment: SentimentOutcomeDto | null;
  error: string | null;
  loaded: boolean;
  load(preferred?: string | null): Promise<void>;
  pickDataset(id: string): Promise<void>;
  patch(p: Partial<Pick<TextState, 'text' | 'time' | 'by' | 'bucket'>>): void;
  refresh(): Promise<void>;
  scoreSentiment(): Promise<void>;
  findEntities(): Promise<void>;
  jobSettled(job: JobDto): void;
}

const message = (err: unknown) => (err as Error)?.message ?? String(err);
const keyOf = (s: Pick<TextState, 'datasetId' | 'text' | 'time' | 'by' | 'bucket'>) => JSON.stringify([s.datasetId, s.text, s.time, s.by, s.bucket]);

export const useText = create<TextState>((set, get) => ({
  datasets: [],
  datasetId: '',
  columns: [],
  text: '',
  time: '',
  by: '',
  bucket: 'auto',
  results: null,
  aggregates: null,
  aggregatesFor: null,
  sentimentJobId: null,
  entitiesJobId: null,
  lastSentiment: null,
  error: null,
  loaded: false,

  async load(preferred) {
    try {
      const datasets = await api.invoke('datasets.list', {});
      set({ datasets, loaded: true });
      const { datasetId } = get();
      const keep = datasets.some((d) => d.id === datasetId) ? datasetId : null;
      // Datasets the text jobs wrote come last: their sources are what one reads here.
      const sources = datasets.filter((d) => d.format !== 'derived');
      const next = keep ?? (preferred && sources.some((d) => d.id === preferred) ? preferred : (sources[0] ?? datasets[0])?.id);
      if (next && next !== datasetId) await get().pickDataset(next);
      if (!next) set({ datasetId: '', columns: [], text: '', results: null, aggregates: null });
    } catch (err) {
      set({ error: message(err), loaded: true });
    }
  },

  async pickDataset(id) {
    set({ datasetId: id, columns: [], text: '', time: '', by: '', results: null, aggregates: null, lastSentiment: null, error: null });
    try {
      const d = await api.invoke('datasets.get', { id });
      if (get().datasetId !== id) return;
      set({ columns: d.columnsDetail, ...pickColumns(d.columnsDetail) });
      await get().refresh();
    } catch (err) {
      set({ error: message(err) });
    }
  },

  patch(p) {
    set({ ...p, error: null });
    void get().refresh();
  },

  async refresh() {
    const s = get();
    if (!s.datasetId || !s.text) {
      set({ results: null, aggregates: null, aggregatesFor: null });
      return;
    }
    const key = keyOf(s);
    set({ aggregatesFor: key });
    try {
      const [results, aggregates] = await Promise.all([
        api.invoke('text.results', { dataset: s.datasetId, text: s.text }),
        api.invoke('text.aggregates', { dataset: s.datasetId, text: s.text, time: s.time || undefined, by: s.by || undefined, bucket: s.bucket }),
      ]);
      if (get().aggregatesFor !== key) return;
      set({ results, aggregates, aggregatesFor: null });
    } catch (err) {
      if (get().aggregatesFor !== key) return;
      set({ error: message(err), aggregates: null, aggregatesFor: null });
    }
  },

  async scoreSentiment() {
    const { datasetId, text } = get();
    try {
      set({ error: null, lastSentiment: null });
      const { jobId } = await api.invoke('text.sentiment', { dataset: datasetId, text });
      set({ sentimentJobId: jobId });
    } catch (err) {
      set({ error: message(err) });
    }
  },

  async findEntities() {
    const { datasetId, text } = get();
    try {
      set({ error: null });
      const { jobId } = await api.invoke('text.entities', { dataset: datasetId, text });
      set({ entitiesJobId: jobId });
    } catch (err) {
      set({ error: message(err) });
    }
  },

  jobSettled(job) {
    const s = get();
    const ok = job.status === 'succeeded';
    const why = job.error?.message ?? `The job was ${job.status}.`;
    if (job.id === s.sentimentJobId) {
      const r = ok ? (job.result as SentimentOutcomeDto) : null;
      set({
        sentimentJobId: null,
        lastSentiment: r,
        error: ok || job.status === 'cancelled' ? null : why,
        results: r && s.results ? { ...s.results, sentiment: r.dataset } : s.results,
      });
    } else if (job.id === s.entitiesJobId) {
      const r = ok ? (job.result as EntitiesOutcomeDto) : null;
      set({
        entitiesJobId: null,
        error: ok || job.status === 'cancelled' ? null : why,
        // Shown at once from the job's result; a later refresh reads the same rows from the stored dataset.
        results: r && s.results ? { ...s.results, entities: { dataset: r.dataset, rows: r.entities } } : s.results,
      });
    } else {
      return;
    }
    // The new dataset joins the list.
    if (ok) void api.invoke('datasets.list', {}).then((datasets) => set({ datasets }), () => undefined);
  },
}));
