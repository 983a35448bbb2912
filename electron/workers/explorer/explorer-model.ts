/** A run's model as the explorer holds it: artifact, an onnxruntime session, and data to explain against. */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { DatasetsRepo } from '../../data/db/repos/datasets-repo';
import { loadSample } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { ModelArtifact } from '../../../models/train/types';
import type { Frame } from '../../../models/frame/frame';
import { exportOnnx, OnnxExportError, type OnnxExport } from '../../../models/export/onnx/index';
import { EnsembleError, exportEnsembleOnnx, isEnsembleArtifact, type EnsembleArtifact } from '../../../models/ensemble/index';
import { createSession, type Session } from '../export/ort';
import { runsInTextEngine, textViewOf, type TextView } from './text-model';

export interface ExplorerModel {
  runId: string;
  runName: string;
  datasetId: string;
  datasetName: string | null;
  artifact: ModelArtifact;
  /** Dataset column types of the model's inputs, by name. */
  columns: Map<string, ColumnDto>;
  /** The whole pipeline in onnxruntime; null where the graph cannot express it (text columns). */
  onnx: { exported: OnnxExport; session: Session } | null;
  /** Why `onnx` is null. */
  onnxUnavailable: string | null;
  /** Evenly spread rows of the run's dataset: ranges for the form, background for explanations. */
  sample: Frame;
  totalRows: number;
  /** Exact min/max of numeric and date columns from the dataset's profile, where it was computed. */
  ranges: Map<string, { min: number; max: number }>;
  /** Text models: the column typed into and how its words are explained; null for tabular models. */
  text: TextView | null;
  /**
   * An ensemble: predicted by its merged graph only. `artifact` is then its first member's, read for the
   * inputs, target and classes the members share; explanations and partial dependence are not offered.
   */
  ensemble?: EnsembleArtifact | null;
}

/** Rows read for the form's ranges and the background of explanations and partial dependence. */
const SAMPLE_ROWS = 5000;

export async function loadExplorerModel(databasePath: string, nativeBinding: string | undefined, runId: string): Promise<ExplorerModel> {
  const db = openDatabase(databasePath, { nativeBinding, readonly: true });
  let base: Omit<ExplorerModel, 'onnx' | 'onnxUnavailable' | 'text'>;
  try {
    const repo = new RunsRepo(db);
    const run = repo.get(runId, 0);
    const stored = repo.artifact<ModelArtifact | EnsembleArtifact>(run.id, 'model');
    const ensemble = stored && isEnsembleArtifact(stored) ? stored : null;
    const artifact = ensemble ? { ...ensemble.members[0].artifact, interval: null } : (stored as ModelArtifact | null);
    if (!artifact) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} has no model to explore (status ${run.status})`, { field: 'model' });
    if (run.task === 'recommend') {
      throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} is a recommender: ask it for recommendations (recommend.query, lathe recommend)`, { field: 'model' });
    }
    if (run.task === 'forecast') {
      throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} is a forecast: the explorer takes tabular models; its forecasts are in the run's report`, { field: 'model' });
    }
    if (!run.datasetId) throw new ApiError('not_found', `The dataset of run ${run.id.slice(0, 8)} was deleted`, { field: 'model' });
    const { frame, columns, totalRows } = loadSample(db, run.datasetId, SAMPLE_ROWS);
    const profile = new DatasetsRepo(db).profile(run.datasetId);
    const ranges = new Map<string, { min: number; max: number }>();
    for (const c of profile?.columns ?? []) if (c.min !== null && c.max !== null) ranges.set(c.name, { min: c.min, max: c.max });
    base = {
      ranges,
      runId: run.id, runName: `${run.family ?? 'model'} → ${run.target ?? '?'} (${run.id.slice(0, 8)})`, datasetId: run.datasetId, datasetName: run.datasetName, artifact,
      columns: new Map(columns.map((c) => [c.name, c])), sample: frame, totalRows, ensemble,
    };
  } finally {
    db.close();
  }
  if (base.ensemble) {
    let exported: OnnxExport;
    try {
      exported = exportEnsembleOnnx(base.ensemble);
    } catch (err) {
      if (err instanceof EnsembleError || err instanceof OnnxExportError) throw new ApiError('bad_request', err.message, { field: 'model' });
      throw err;
    }
    return { ...base, text: null, onnx: { exported, session: await createSession(exported.bytes) }, onnxUnavailable: null };
  }
  const text = textViewOf(base.artifact, (name) => base.columns.get(name)?.type);
  // The text families (and the lexicon) run in the text engine, which has no graph.
  if (runsInTextEngine(base.artifact)) return { ...base, text, onnx: null, onnxUnavailable: `${base.artifact.family} runs in the text engine` };
  try {
    const exported = exportOnnx(base.artifact);
    return { ...base, text, onnx: { exported, session: await createSession(exported.bytes) }, onnxUnavailable: null };
  } catch (err) {
    if (!(err instanceof OnnxExportError)) throw err;
    return { ...base, text, onnx: null, onnxUnavailable: err.message };
  }
}

/**
 * A few models stay loaded so switching between them in the explorer is instant. An evicted
 * model's onnxruntime session is released: the service runs one request at a time, so the
 * request that caused the eviction is the only one in flight and it uses another model.
 */
export class ModelCache<M extends object = ExplorerModel> {
  private readonly loaded = new Map<string, Promise<M>>();
  constructor(
    private readonly load: (runId: string) => Promise<M>,
    private readonly capacity = 4,
    private readonly release: (m: M) => Promise<void> = releaseModel,
  ) {}

  get(runId: string): Promise<M> {
    let p = this.loaded.get(runId);
    if (p) {
      this.loaded.delete(runId);
      this.loaded.set(runId, p);
      return p;
    }
    p = this.load(runId);
    this.loaded.set(runId, p);
    p.catch(() => this.loaded.delete(runId));
    while (this.loaded.size > this.capacity) {
      const [oldest, evicted] = this.loaded.entries().next().value as [string, Promise<M>];
      this.loaded.delete(oldest);
      void evicted.then(this.release).catch(() => undefined);
    }
    return p;
  }
}

/** Models that hold an onnxruntime session release it; others (recommenders) hold only memory. */
async function releaseModel(m: object): Promise<void> {
  await (m as Partial<ExplorerModel>).onnx?.session.release();
}
