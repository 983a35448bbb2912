import type { StateCreator } from 'zustand';
import Papa from 'papaparse';
import type { JobDto } from '../../../shared/api/dto';
import type { PredictionFileDto } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import { isActive, useJobs } from '../jobs/store';
import { hostPath, type FileSource } from './file-source';
import type { ExplorerState } from './store';

/** Rows of the finished file shown on the page. */
export const PREVIEW_ROWS = 10;

export interface BatchState {
  label: string;
  model: string;
  /** Browser mode: upload progress 0..1 while the file goes to the host. */
  upload: number | null;
  jobId: string | null;
  error: string | null;
  file: PredictionFileDto | null;
  preview: { header: string[]; rows: string[][] } | null;
}

export interface BatchSlice {
  batch: BatchState | null;
  /** Predicts a CSV with the open model in a background job. */
  startBatch(source: FileSource): Promise<void>;
  clearBatch(): void;
}

export function previewOf(text: string, rows = PREVIEW_ROWS): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text, { preview: rows + 1, skipEmptyLines: true });
  const [header = [], ...body] = parsed.data;
  return { header, rows: body };
}

const message = (err: unknown) => (err as Error).message;

export const createBatchSlice: StateCreator<ExplorerState, [], [], BatchSlice> = (set, get) => {
  const patch = (jobId: string | null, p: Partial<BatchState>) =>
    set((s) => (s.batch && (jobId === null || s.batch.jobId === jobId) ? { batch: { ...s.batch, ...p } } : s));

  const settled = async (job: JobDto) => {
    if (job.status !== 'succeeded') {
      patch(job.id, { error: job.error?.message ?? `The prediction job was ${job.status}.` });
      return;
    }
    try {
      const file = await api.invoke('explorer.predictionFile', { jobId: job.id });
      patch(job.id, { file, preview: previewOf(file.text) });
    } catch (err) {
      patch(job.id, { error: message(err) });
    }
  };

  /** Follows the job through the jobs store (fed by events app-wide), whenever its end arrives. */
  const follow = (jobId: string) => {
    const check = (job: JobDto | undefined) => {
      if (!job || isActive(job)) return false;
      off();
      void settled(job);
      return true;
    };
    const off = useJobs.subscribe((s) => void check(s.jobs[jobId]));
    if (check(useJobs.getState().jobs[jobId])) return;
    // A quick job can end before its events reach us: read it once.
    api
      .invoke('jobs.get', { id: jobId })
      .then((job) => useJobs.getState().upsert(job))
      .catch(() => undefined);
  };

  return {
    batch: null,

    async startBatch(source) {
      const model = get().ref;
      if (!model) return;
      set({ batch: { label: source.label, model, upload: source.kind === 'file' ? 0 : null, jobId: null, error: null, file: null, preview: null } });
      try {
        const input = await hostPath(source, (fraction) => patch(null, { upload: fraction }));
        patch(null, { upload: null });
        if (get().schema?.text) {
          // Text models run in the explorer's worker (the prediction job runs onnxruntime graphs), answered at once.
          const file = await api.invoke('explorer.predictTexts', { model, input });
          patch(null, { file, preview: previewOf(file.text) });
          return;
        }
        const { jobId } = await api.invoke('models.predict', { model, input });
        patch(null, { jobId });
        follow(jobId);
      } catch (err) {
        patch(null, { upload: null, error: message(err) });
      }
    },

    clearBatch: () => set({ batch: null }),
  };
};
