/**
 * The data table's pages on the host, which must stay responsive: what costs a scan of a large
 * table (a column's first index, a filtered or searched view) runs in a worker. Tables of up to
 * INLINE_INDEX_MAX_ROWS rows are answered inline: their index or scan takes about 0.1 s.
 */
import type { ParsedArgsOf, ResultOf } from '../../../shared/api/contract';
import type { IndexBuildDto } from '../../../shared/api/methods/datasets';
import type { JobResult } from '../../../shared/api/jobs';
import { columnValues, indexedColumns, queryRows, whereOf, type RowView } from '../../data/db/table-query';
import { ensureColumnIndex, expectedIndexMs, hasColumnIndex, INLINE_INDEX_MAX_ROWS } from '../../data/db/column-index';
import type { HostContext } from '../handlers/types';
import { ApiError } from '../../../shared/api/errors';
import { isBusy, withoutWaiting } from '../../data/db/busy';

/** Index builds in flight, per job manager: table|position → job id, so one build serves every request. */
const building = new WeakMap<HostContext['jobs'], Map<string, string>>();

/**
 * The job building the column's index, started if none is (large tables only). A build holds
 * SQLite's write lock for its whole length, so starting a second one meanwhile (a job row is a
 * write) is not waited for: the view waits for the running build, then asks again.
 */
export function startIndexBuild(ctx: HostContext, datasetId: string, position: number): IndexBuildDto {
  const { table, rows } = ctx.repos.datasets.table(datasetId);
  const column = ctx.repos.datasets.columns(datasetId)[position]?.name ?? `column ${position + 1}`;
  let live = building.get(ctx.jobs);
  if (!live) building.set(ctx.jobs, (live = new Map()));
  const key = `${table}|${position}`;
  let jobId = live.get(key);
  if (!jobId) {
    const done = () => live.delete(key);
    try {
      const title = `Index ${column} of ${ctx.repos.datasets.get(datasetId).name}`;
      const hooks = {
        onSucceeded: (r: JobResult<'datasets.index'>) => {
          done();
          return r;
        },
        onFinished: done,
      };
      jobId = withoutWaiting(ctx.db, () => ctx.jobs.start('datasets.index', title, { datasetId, position }, hooks)).id;
    } catch (err) {
      const other = live.values().next().value;
      if (!isBusy(err) || other === undefined) throw err;
      return { jobId: other, position, column, rows, expectedMs: expectedIndexMs(2 * rows) };
    }
    live.set(key, jobId);
  }
  return { jobId, position, column, rows, expectedMs: expectedIndexMs(rows) };
}

type RowsArgs = ParsedArgsOf<'datasets.rows'>;

export async function tableRows(ctx: HostContext, { id, offset, limit, ...view }: RowsArgs): Promise<ResultOf<'datasets.rows'>> {
  const t = ctx.repos.datasets.table(id);
  const columns = ctx.repos.datasets.columns(id);
  const where = whereOf(columns, view); // refuses a bad column or filter before anything starts
  if (view.sort && !columns[view.sort.position]) throw new ApiError('bad_request', `The dataset has no column at position ${view.sort.position}`, { field: 'sort' });
  const small = t.rows <= INLINE_INDEX_MAX_ROWS;
  let waiting: IndexBuildDto | undefined;
  for (const p of indexedColumns(view)) {
    if (hasColumnIndex(ctx.db, t.table, p)) continue;
    if (small) ensureColumnIndex(ctx.db, t.table, p);
    else {
      const b = startIndexBuild(ctx, id, p);
      if (p === view.sort?.position) waiting = b;
    }
  }
  if (where.sql && !small) return ctx.explorer.request({ op: 'tableRows', datasetId: id, view: view as RowView, offset, limit });
  // A sort waits for its index (each page would sort the whole table): file order meanwhile.
  if (waiting) return { ...queryRows(ctx.db, t, columns, {}, offset, limit), building: waiting };
  return queryRows(ctx.db, t, columns, view, offset, limit);
}

type ValuesArgs = ParsedArgsOf<'datasets.columnValues'>;

/** A column's most frequent values: counted off the host for a large table (a walk over all its rows). */
export async function tableColumnValues(ctx: HostContext, args: ValuesArgs): Promise<ResultOf<'datasets.columnValues'>> {
  const t = ctx.repos.datasets.table(args.id);
  if (t.rows > INLINE_INDEX_MAX_ROWS) {
    return ctx.explorer.request({ op: 'tableColumnValues', datasetId: args.id, position: args.position, limit: args.limit, search: args.search });
  }
  const columns = ctx.repos.datasets.columns(args.id);
  if (columns[args.position]) ensureColumnIndex(ctx.db, t.table, args.position);
  return columnValues(ctx.db, t.table, columns, args.position, args.limit, args.search);
}
