/**
 * Live metrics of a registered version: the host resolves the version (its task, target and test
 * score) and both datasets, names every column it will read and refuses a missing one before a job
 * starts; a worker joins and scores them, and the request waits for it.
 */
import type { ParsedArgsOf } from '../../../shared/api/contract';
import type { DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { ApiError } from '../../../shared/api/errors';
import type { OutcomesReportDto } from '../../../shared/api/outcomes-dto';
import type { OutcomesArgs } from '../../../shared/api/methods/outcomes';
import { checkFloor, type FloorCheck } from '../../../models/monitor/outcomes';
import type { HostContext } from '../handlers/types';

/** Key columns looked for, in order, when none is named. */
export const KEY_CANDIDATES = ['prediction_id', 'id', 'row_id', 'key'];

const has = (d: DatasetDetailDto, name: string) => d.columnsDetail.some((c) => c.name === name);

/** A model server's JSON-lines log imported as a dataset: its lines' type, id and time, and predictions or feedback. */
export function isServingLog(d: DatasetDetailDto): boolean {
  return ['type', 'id', 'time'].every((c) => has(d, c)) && (has(d, 'output') || has(d, 'actual'));
}
const isTime = (d: DatasetDetailDto, name: string) => d.columnsDetail.some((c) => c.name === name && (c.type === 'date' || c.type === 'datetime'));

function need(d: DatasetDetailDto, role: string, name: string, field: string, hint: string): void {
  if (!has(d, name)) throw new ApiError('bad_request', `The ${role} dataset '${d.name}' has no column '${name}'${hint}`, { field, column: name, dataset: d.name });
}

/** Everything the job needs, or the first thing wrong, named. */
export function resolveOutcomes(ctx: HostContext, args: ParsedArgsOf<'monitor.outcomes'>) {
  const { datasets, registry, runs } = ctx.repos;
  const version = registry.resolve(args.model);
  const run = runs.get(version.run_id, 2);
  const task = run.task === 'regression' ? 'regression' : run.task === 'binary' || run.task === 'multiclass' ? 'classification' : null;
  if (!task || !run.target) throw new ApiError('bad_request', `${args.model} is a ${run.task ?? 'model'} without one target: live metrics need a regression or classification model`, { field: 'model' });
  const pred = datasets.get(datasets.resolve(args.predictions, 'predictions'));
  const out = datasets.get(datasets.resolve(args.outcomes, 'outcomes'));
  let key = args.key;
  if (key) {
    need(pred, 'predictions', key, 'key', '');
    need(out, 'outcomes', key, 'key', '');
  } else {
    key = KEY_CANDIDATES.find((k) => has(pred, k) && has(out, k));
    if (!key) throw new ApiError('bad_request', `No key column in both '${pred.name}' and '${out.name}' (looked for ${KEY_CANDIDATES.join(', ')}): name one with key`, { field: 'key' });
  }
  const predLog = isServingLog(pred) && has(pred, 'output');
  const outLog = isServingLog(out) && has(out, 'actual');
  const predicted = args.predicted ?? (predLog ? 'output' : `predicted_${run.target}`);
  need(pred, 'predictions', predicted, 'predicted', args.predicted ? '' : ' (what batch prediction writes; name the predicted column with predicted)');
  const actual = args.actual ?? (outLog ? 'actual' : run.target);
  need(out, 'outcomes', actual, 'actual', args.actual ? '' : ` (the model's target; name the actual column with actual)`);
  let time: string | null = null;
  let timeFrom: 'outcomes' | 'predictions' | null = null;
  if (args.time) {
    timeFrom = isTime(out, args.time) ? 'outcomes' : isTime(pred, args.time) ? 'predictions' : null;
    if (!timeFrom) {
      const where = has(out, args.time) || has(pred, args.time) ? 'is not a date or datetime column' : `is in neither '${out.name}' nor '${pred.name}'`;
      throw new ApiError('bad_request', `Time column '${args.time}' ${where}`, { field: 'time', column: args.time });
    }
    time = args.time;
  } else {
    const first = (d: DatasetDetailDto) => d.columnsDetail.find((c) => c.type === 'date' || c.type === 'datetime')?.name ?? null;
    time = first(out) ?? first(pred);
    timeFrom = time === null ? null : first(out) ? 'outcomes' : 'predictions';
  }
  if (typeof args.window === 'string' && !time) {
    throw new ApiError('bad_request', `Windows by ${args.window} need a date column in '${out.name}' or '${pred.name}': name one with time, or window by a number of rows`, { field: 'time' });
  }
  const metric = task === 'regression' ? 'rmse' : 'accuracy';
  const baseline = run.metrics?.[metric];
  return {
    model: args.model,
    task,
    metric,
    baseline: baseline !== undefined && Number.isFinite(baseline) ? baseline : null,
    predictionsId: pred.id,
    outcomesId: out.id,
    columns: { key, predicted, actual, time },
    timeFrom,
    window: args.window,
    logs: { predictions: predLog, outcomes: outLog, version: predLog && has(pred, 'version') ? version.version : null },
    label: `Outcomes: ${args.model} on ${out.name}`,
  } as const;
}

export function outcomes(ctx: HostContext, args: ParsedArgsOf<'monitor.outcomes'>): Promise<OutcomesReportDto> {
  const { label, ...jobArgs } = resolveOutcomes(ctx, args);
  const job = ctx.jobs.start('monitor.outcomes', label, jobArgs);
  return ctx.jobs.result('monitor.outcomes', job.id);
}

/**
 * For a metric-floor trigger: the live headline metric (accuracy, or RMSE) of the latest window of
 * outcomes against `floor`. `breached` when the window's value is past it; `confident` when its 95 %
 * interval is past it too. `args` are those of monitor.outcomes (window defaults to 'week').
 */
export async function checkOutcomeFloor(ctx: HostContext, args: Omit<OutcomesArgs, 'window'> & { window?: OutcomesArgs['window'] }, floor: number): Promise<FloorCheck & { metric: 'rmse' | 'accuracy'; report: OutcomesReportDto }> {
  const report = await outcomes(ctx, { ...args, window: args.window ?? 'week' });
  return { ...checkFloor(report.windows, report.metric, report.lowerIsBetter, floor), metric: report.metric, report };
}
