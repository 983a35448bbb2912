/**
 * Turns what a user asked for (form, CLI, sweep, re-run) into the complete run the worker
 * trains: datasets by id, columns checked, the split made explicit, the task decided and
 * every family parameter resolved from its schema. Stored as is, so a re-run is identical.
 */
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_FOLDS, type RunArgs } from '../../../shared/api/methods/runs';
import type { TrainJobArgs } from '../../../shared/api/jobs';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { MAX_AUTO_CLASSES, classTargetProblem, isTextOnlyFamily, lexiconTargetProblem, pickTextColumn, resolveParams, taskOf, type ResolvedParams, type Task } from '../../../shared/families/index';
import { readTableArch } from '../../../shared/nn/families';
import { classStats, distinctValues } from '../../data/db/dataset-tables';
import type { HostContext } from '../handlers/types';
import { resolveTabularWarmStart } from './warm-start';

export type ResolvedRun = Omit<TrainJobArgs, 'runId'>;

const NUMERIC = new Set(['integer', 'float']);
const ORDERED = new Set(['integer', 'float', 'date', 'datetime']);

export function resolveRun(ctx: HostContext, args: RunArgs): ResolvedRun {
  const datasetId = ctx.repos.datasets.resolve(args.dataset, 'dataset');
  const testDatasetId = args.testDataset ? ctx.repos.datasets.resolve(args.testDataset, 'testDataset') : null;
  const columns = ctx.repos.datasets.columns(datasetId);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const column = (name: string, field: string): ColumnDto => {
    const c = byName.get(name);
    if (!c) throw new ApiError('bad_request', `The dataset has no column '${name}'`, { field });
    return c;
  };
  const target = column(args.target, 'target');
  args.exclude.forEach((c) => column(c, 'exclude'));
  if (args.exclude.includes(args.target)) throw new ApiError('bad_request', `The target '${args.target}' cannot also be excluded`, { field: 'exclude' });

  const split = resolveSplit(args, testDatasetId);
  if (split.kind === 'time') {
    const c = column(split.column ?? '', 'split.column');
    if (!ORDERED.has(c.type)) throw new ApiError('bad_request', `A time split orders rows by a number or date; '${c.name}' is ${c.type}`, { field: 'split.column' });
  }
  if (split.kind === 'holdout' && testDatasetId) {
    const testNames = new Set(ctx.repos.datasets.columns(testDatasetId).map((c) => c.name));
    const missing = columns.find((c) => !testNames.has(c.name));
    if (missing) throw new ApiError('bad_request', `The test dataset has no column '${missing.name}'`, { field: 'testDataset' });
  }

  const task = resolveTask(ctx, datasetId, target, args.task);
  if (task !== 'regression' && !args.allowAnyTarget) checkClasses(ctx, datasetId, target, split);
  if (isTextOnlyFamily(args.family)) checkTextRun(ctx, args, columns, datasetId, target, task);
  const features = columns.filter((c) => c.name !== args.target && !args.exclude.includes(c.name));
  const warmStartFrom = args.warmStartFrom
    ? resolveTabularWarmStart(ctx, args.warmStartFrom, { family: args.family, target: args.target, task, features: features.map((c) => c.name), columns: features })
    : undefined;
  // Field by field: callers may hand over objects that carry more (a sweep's own settings).
  return {
    target: args.target,
    exclude: args.exclude,
    family: args.family,
    seed: args.seed,
    allowAnyTarget: args.allowAnyTarget,
    dataset: datasetId,
    testDataset: testDatasetId ?? undefined,
    datasetId,
    testDatasetId,
    split,
    task,
    warmStartFrom,
    params: withCheckedArch(args.family, resolveParams(args.family, args.params)),
  };
}

/**
 * A network family's own architecture, checked before anything is recorded (each problem names the layer)
 * and stored with every default filled, so a re-run builds exactly that network.
 */
function withCheckedArch(family: RunArgs['family'], params: ResolvedParams): ResolvedParams {
  if (family !== 'mlp' || typeof params.arch !== 'string' || !params.arch.trim()) return params;
  const r = readTableArch(params.arch);
  if (!r.ok) throw new ApiError('bad_request', `Invalid mlp architecture: ${r.problems.map((p) => p.message).join('; ')}`, { field: 'params.arch', problems: r.problems });
  return { ...params, arch: JSON.stringify(r.spec) };
}

function resolveSplit(args: RunArgs, testDatasetId: string | null): RunArgs['split'] {
  // A separate test dataset means the rows of that file are the test rows.
  const kind = testDatasetId && args.split.kind === 'random' ? 'holdout' : args.split.kind;
  if (kind === 'holdout' && !testDatasetId) throw new ApiError('bad_request', "A 'holdout' split needs a test dataset", { field: 'testDataset' });
  if (kind === 'kfold') return { ...args.split, kind, k: args.split.k ?? DEFAULT_FOLDS };
  return { ...args.split, kind };
}

/** Refuses a classification target that cannot be learned as asked; the error says how to override. */
function checkClasses(ctx: HostContext, datasetId: string, target: ColumnDto, split: RunArgs['split']): void {
  const { table } = ctx.repos.datasets.table(datasetId);
  const stats = classStats(ctx.db, table, target.position);
  const testRows = split.kind === 'random' || split.kind === 'time' ? Math.floor(stats.rows * split.testFraction) : null;
  const why = classTargetProblem({ column: target.name, rows: stats.rows, classes: stats.classes, rarest: { value: stats.rarest.value ?? '', count: stats.rarest.count }, testRows });
  if (why) {
    throw new ApiError('bad_request', `Cannot train a classifier: ${why}. To train anyway, allow any target (--allow-any-target).`, {
      field: 'target', overridable: 'allowAnyTarget',
    });
  }
}

/** The stated task checked against the target, or the one the task rule picks from its values. */
function resolveTask(ctx: HostContext, datasetId: string, target: ColumnDto, stated: Task | undefined): Task {
  const { table } = ctx.repos.datasets.table(datasetId);
  const distinct = distinctValues(ctx.db, table, target.position, MAX_AUTO_CLASSES + 1).filter((v) => v !== null);
  const numeric = NUMERIC.has(target.type);
  if (distinct.length === 0) throw new ApiError('bad_request', `The target '${target.name}' has no values`, { field: 'target' });
  const task = stated ?? taskOf({ numeric, boolean: target.type === 'boolean', distinct });
  if (task === 'regression' && !numeric) {
    throw new ApiError('bad_request', `Regression needs a numeric target; '${target.name}' is ${target.type}`, { field: 'task' });
  }
  if (task !== 'regression' && distinct.length < 2) {
    throw new ApiError('bad_request', `Classification needs at least two classes; '${target.name}' has one value (${String(distinct[0])})`, { field: 'target' });
  }
  if (task === 'binary' && distinct.length > 2) {
    throw new ApiError('bad_request', `A binary task needs a target with two values; '${target.name}' has more`, { field: 'task' });
  }
  return task;
}

/** A text family needs a class target, one text column among the features and, for the lexicon, sentiment labels. */
function checkTextRun(ctx: HostContext, args: RunArgs, columns: ColumnDto[], datasetId: string, target: ColumnDto, task: Task): void {
  if (task === 'regression') {
    throw new ApiError('bad_request', `${args.family} predicts classes; '${target.name}' is a regression target (pick binary or multiclass, or a tabular model)`, { field: 'task' });
  }
  const features = columns.filter((c) => c.name !== target.name && !args.exclude.includes(c.name));
  const picked = pickTextColumn(args.family, features);
  if ('problem' in picked) throw new ApiError('bad_request', picked.problem, { field: 'exclude' });
  if (args.family === 'lexicon') {
    const { table } = ctx.repos.datasets.table(datasetId);
    const classes = distinctValues(ctx.db, table, target.position, MAX_AUTO_CLASSES + 1).filter((v) => v !== null);
    const why = lexiconTargetProblem(target.name, classes);
    if (why) throw new ApiError('bad_request', why, { field: 'target' });
  }
}
