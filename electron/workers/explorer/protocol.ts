/** Messages between the host and the long-lived explorer worker. */
import type { ApiErrorBody } from '../../../shared/api/errors';
import type { ResultOf } from '../../../shared/api/contract';
import type { RecommendQuery } from '../../../shared/api/methods/recommend';
import type { RowView } from '../../data/db/table-query';

/** Which run a request is about, resolved by the host from a run id or NAME@VERSION. */
export interface ModelTarget {
  runId: string;
  modelName: string | null;
  version: string | null;
}

/**
 * The explorer's operations: what each request carries and what it answers, which is the
 * result of the API method it serves (shared/api/methods/explorer.ts, recommend.ts).
 */
export interface ExplorerOps {
  schema: { request: { target: ModelTarget; ref: string }; result: ResultOf<'explorer.schema'> };
  predict: { request: { target: ModelTarget; rows: Record<string, unknown>[]; explain: boolean; explainClass?: string }; result: ResultOf<'explorer.predict'> };
  pdp: { request: { target: ModelTarget; column: string; points: number; ice: number }; result: ResultOf<'explorer.pdp'> };
  rows: { request: { target: ModelTarget; offset: number; limit: number; search?: string }; result: ResultOf<'explorer.rows'> };
  thresholds: { request: { target: ModelTarget }; result: ResultOf<'explorer.thresholds'> };
  openOnnx: { request: { path: string; displayName: string }; result: ResultOf<'explorer.openOnnx'> };
  predictTextFile: { request: { target: ModelTarget; path: string; displayName: string }; result: ResultOf<'explorer.predictTexts'> };
  runOnnx: { request: { id: string; rows: number; inputs: Record<string, (number | string | boolean)[]> }; result: ResultOf<'explorer.runOnnx'> };
  recommend: { request: { target: ModelTarget; query: Omit<RecommendQuery, 'model'> }; result: ResultOf<'recommend.query'> };
  /** A filtered or searched page of a dataset's table (datasets.rows), off the host. */
  tableRows: { request: { datasetId: string; view: RowView; offset: number; limit: number }; result: ResultOf<'datasets.rows'> };
  tableColumnValues: { request: { datasetId: string; position: number; limit: number; search?: string }; result: ResultOf<'datasets.columnValues'> };
  recommendUsers: { request: { target: ModelTarget; search: string; limit: number }; result: ResultOf<'recommend.users'> };
}
export type ExplorerOp = keyof ExplorerOps;
export type ExplorerRequestOf<O extends ExplorerOp> = { op: O } & ExplorerOps[O]['request'];
export type ExplorerRequest = { [O in ExplorerOp]: ExplorerRequestOf<O> }[ExplorerOp];
export type ExplorerResult<O extends ExplorerOp> = ExplorerOps[O]['result'];
/** The worker's side: one handler per operation, typed by the table above. */
export type ExplorerHandlers = { [O in ExplorerOp]: (req: ExplorerRequestOf<O>) => Promise<ExplorerResult<O>> };

export type ExplorerHostMessage = { type: 'request'; id: number; request: ExplorerRequestOf<ExplorerOp> };
export type ExplorerWorkerMessage =
  | { type: 'reply'; id: number; ok: true; data: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiErrorBody; stack?: string };

/** The job kind under which the job worker entry runs the explorer service instead of a job. */
export const EXPLORER_SERVICE = 'service.explorer';
