/**
 * `warmStartFrom`, resolved once before a job starts: the reference (run id or NAME@VERSION) becomes the
 * run id that is stored, and a run that cannot be continued is refused with the reason, naming the column.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { RECOMMEND_WARM_START, warmStartMismatch, type WarmStartTarget } from '../../../shared/families/warm-start';
import type { RecommendArgs } from '../../../shared/api/methods/recommend';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { HostContext } from '../handlers/types';
import { resolveModelRef } from '../handlers/export';

const FIELD = 'warmStartFrom';
export type RunKind = 'tabular' | 'forecast' | 'recommend';

function kindOf(r: RunDetailDto): RunKind | 'ensemble' {
  if (r.forecastSpec) return 'forecast';
  if (r.recommendSpec) return 'recommend';
  return r.family === 'ensemble' ? 'ensemble' : 'tabular';
}

const KIND_WORDS: Record<RunKind | 'ensemble', string> = {
  tabular: 'a tabular run', forecast: 'a forecast run', recommend: 'a recommender run', ensemble: 'an ensemble',
};

/** The run continued from: found, finished with a model, and of the same kind as this one. */
export function warmStartRun(ctx: HostContext, ref: string, kind: RunKind): RunDetailDto {
  let runId: string;
  try {
    runId = resolveModelRef(ctx, ref).runId;
  } catch (err) {
    if (err instanceof ApiError) throw new ApiError(err.code, `Cannot continue from ${ref}: ${err.message}`, { field: FIELD });
    throw err;
  }
  const from = ctx.repos.runs.get(runId, 2);
  const short = from.id.slice(0, 8);
  const fromKind = kindOf(from);
  if (fromKind !== kind) throw new ApiError('bad_request', `Run ${short} is ${KIND_WORDS[fromKind]}; this is ${KIND_WORDS[kind]}`, { field: FIELD });
  if (from.status !== 'succeeded') throw new ApiError('bad_request', `Run ${short} has no model to continue from (it ${from.status === 'running' ? 'is still running' : from.status})`, { field: FIELD });
  return from;
}

/** A tabular run: same family, target, task and feature columns (each of the same type) as the run continued from. */
export function resolveTabularWarmStart(ctx: HostContext, ref: string, run: WarmStartTarget & { columns: ColumnDto[] }): string {
  const from = warmStartRun(ctx, ref, 'tabular');
  const short = from.id.slice(0, 8);
  const features = from.report?.features ?? [];
  const why = warmStartMismatch({ family: from.family ?? '', target: from.target ?? '', task: (from.task ?? 'regression') as WarmStartTarget['task'], features }, run);
  if (why) throw new ApiError('bad_request', `Cannot continue run ${short}: ${why}`, { field: FIELD });
  // Same names but another type would feed the earlier pipeline values it cannot read.
  const before = from.datasetId ? safeColumns(ctx, from.datasetId) : [];
  const typeOf = new Map(before.map((c) => [c.name, c.type]));
  for (const c of run.columns) {
    const was = typeOf.get(c.name);
    if (was !== undefined && features.includes(c.name) && was !== c.type) {
      throw new ApiError('bad_request', `Cannot continue run ${short}: the column '${c.name}' is ${c.type} here and was ${was}`, { field: FIELD });
    }
  }
  return from.id;
}

function safeColumns(ctx: HostContext, datasetId: string): ColumnDto[] {
  try {
    return ctx.repos.datasets.columns(datasetId);
  } catch {
    // The earlier dataset may be gone; the names were checked from the run's own report.
    return [];
  }
}

/** A recommender run: the same model reading the same user, item and feedback columns as the run continued from. */
export function resolveRecommendWarmStart(ctx: HostContext, ref: string, run: RecommendArgs): string {
  const from = warmStartRun(ctx, ref, 'recommend');
  const spec = from.recommendSpec!;
  const short = from.id.slice(0, 8);
  const refuse = (why: string) => new ApiError('bad_request', `Cannot continue run ${short}: ${why}`, { field: FIELD });
  if (spec.model !== run.model) throw refuse(`the run continued from is ${spec.model}, this run is ${run.model}`);
  const rule = RECOMMEND_WARM_START[run.model];
  if (rule.mode === 'none') throw refuse(`${run.model} ${rule.how}`);
  for (const role of ['user', 'item', 'rating', 'event', 'count'] as const) {
    if (spec[role] !== run[role]) {
      const was = spec[role] === undefined ? 'no' : `the column '${spec[role]}' as its`;
      throw refuse(`it read ${was} ${role}, this run ${run[role] === undefined ? 'none' : `'${run[role]}'`}`);
    }
  }
  return from.id;
}

/** A forecast run: the same model forecasting the same target of the same series by the same time column; forecasters refit. */
export function resolveForecastWarmStart(ctx: HostContext, ref: string, run: ForecastArgs): string {
  const from = warmStartRun(ctx, ref, 'forecast');
  const spec = from.forecastSpec!;
  const short = from.id.slice(0, 8);
  if (spec.model !== run.model) throw new ApiError('bad_request', `Cannot continue run ${short}: the run continued from is ${spec.model}, this run is ${run.model}`, { field: FIELD });
  for (const role of ['time', 'target', 'series'] as const) {
    if (spec[role] !== run[role]) {
      throw new ApiError('bad_request', `Cannot continue run ${short}: it read ${spec[role] === undefined ? 'no' : `the column '${spec[role]}' as its`} ${role}, this run ${run[role] === undefined ? 'none' : `'${run[role]}'`}`, { field: FIELD });
    }
  }
  return from.id;
}
