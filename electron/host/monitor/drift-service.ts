/**
 * A drift check as the host runs it: the reference resolved (a dataset, or a model version's
 * training dataset and run), every column checked on both sides before any job starts, then a
 * worker computes the report and the request waits for it.
 */
import type { ParsedArgsOf } from '../../../shared/api/contract';
import type { ColumnDto, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import type { DriftReportDto } from '../../../shared/api/monitor-dto';
import type { HostContext } from '../handlers/types';

type Kind = 'numeric' | 'categorical';

/** Dates compare as numbers; booleans as two categories; text is not monitored. */
export function driftKind(type: ColumnDto['type']): Kind | null {
  if (type === 'integer' || type === 'float' || type === 'date' || type === 'datetime') return 'numeric';
  if (type === 'categorical' || type === 'boolean') return 'categorical';
  return null;
}

interface Reference {
  dataset: DatasetDetailDto;
  runId: string | null;
  label: string;
  /** The model's input columns (the default to compare). */
  features: string[] | null;
}

function resolveReference(ctx: HostContext, ref: string): Reference {
  const { datasets, registry, runs } = ctx.repos;
  if (ref.lastIndexOf('@') > 0) {
    let version: ReturnType<typeof registry.resolve> | null = null;
    try {
      version = registry.resolve(ref);
    } catch (err) {
      // A dataset may be named with an '@'; only when there is none is the model's error the answer.
      if (!(err instanceof ApiError && err.code === 'not_found')) throw err;
      try {
        const dataset = datasets.get(datasets.resolve(ref, 'reference'));
        return { dataset, runId: null, label: dataset.name, features: null };
      } catch {
        throw new ApiError('not_found', `No model version or dataset '${ref}'`, { field: 'reference' });
      }
    }
    const run = runs.get(version.run_id);
    if (!run.datasetId) throw new ApiError('bad_request', `${ref}'s run has no training dataset`, { field: 'reference' });
    const dataset = datasets.get(run.datasetId);
    const features = run.report?.features ?? null;
    return { dataset, runId: run.id, label: `${ref} (training rows of ${dataset.name})`, features: Array.isArray(features) ? features : null };
  }
  // Named as the user knows it, whether asked by id or by name.
  const dataset = datasets.get(datasets.resolve(ref, 'reference'));
  return { dataset, runId: null, label: dataset.name, features: null };
}

/** The columns to compare with their kinds; a missing column or a type mismatch is named. */
export function driftColumns(ref: DatasetDetailDto, cur: DatasetDetailDto, wanted: string[] | null, explicit: boolean): { columns: { name: string; kind: Kind }[]; notes: string[] } {
  const refCols = new Map(ref.columnsDetail.map((c) => [c.name, c]));
  const curCols = new Map(cur.columnsDetail.map((c) => [c.name, c]));
  const names = wanted ?? ref.columnsDetail.map((c) => c.name);
  const columns: { name: string; kind: Kind }[] = [];
  const notes: string[] = [];
  for (const name of names) {
    const r = refCols.get(name);
    if (!r) throw new ApiError('bad_request', `The reference '${ref.name}' has no column '${name}'`, { field: 'columns', column: name });
    const c = curCols.get(name);
    if (!c) throw new ApiError('bad_request', `The current dataset '${cur.name}' has no column '${name}'`, { field: 'current', column: name });
    const kind = driftKind(r.type);
    if (kind === null) {
      if (explicit) throw new ApiError('bad_request', `Column '${name}' is text: drift is checked on numbers and categories`, { field: 'columns', column: name });
      notes.push(`'${name}' is text: not compared.`);
      continue;
    }
    if (driftKind(c.type) !== kind) {
      throw new ApiError('bad_request', `Column '${name}' is ${r.type} in the reference but ${c.type} in '${cur.name}'`, { field: 'current', column: name });
    }
    columns.push({ name, kind });
  }
  if (columns.length === 0) throw new ApiError('bad_request', 'No numeric or categorical column to compare', { field: 'columns' });
  return { columns, notes };
}

export function drift(ctx: HostContext, args: ParsedArgsOf<'monitor.drift'>): Promise<DriftReportDto> {
  const { jobId } = startDrift(ctx, args);
  return ctx.jobs.result('monitor.drift', jobId);
}

/** Checks everything and starts the drift job; the app follows its progress and reads the report from its result. */
export function startDrift(ctx: HostContext, args: ParsedArgsOf<'monitor.drift'>): { jobId: string } {
  const ref = resolveReference(ctx, args.reference);
  const cur = ctx.repos.datasets.get(ctx.repos.datasets.resolve(args.current, 'current'));
  const wanted = args.columns ?? ref.features?.filter((f) => ref.dataset.columnsDetail.some((c) => c.name === f)) ?? null;
  const { columns, notes } = driftColumns(ref.dataset, cur, wanted, args.columns !== undefined);
  const job = ctx.jobs.start('monitor.drift', `Drift: ${cur.name} against ${ref.label}`, {
    reference: { datasetId: ref.dataset.id, runId: ref.runId, label: ref.label },
    current: { datasetId: cur.id, label: cur.name },
    columns,
    notes,
  });
  return { jobId: job.id };
}
