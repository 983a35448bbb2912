/**
 * The explorer's long-lived worker: keeps models loaded and onnxruntime sessions warm so the
 * what-if form answers in milliseconds, away from the main and HTTP threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { selectBackend } from '../../../models/mlp/backend';
import type { WorkerStartData } from '../protocol';
import type { ExplorerHandlers, ExplorerHostMessage, ExplorerOp, ExplorerRequestOf, ExplorerResult, ExplorerWorkerMessage } from './protocol';
import { loadExplorerModel, ModelCache } from './explorer-model';
import { buildSchema } from './schema';
import { predictRows } from './predict';
import { pdpOf } from './pdp';
import { datasetRows } from './dataset-rows';
import { thresholdCounts } from './thresholds';
import { ExternalModels } from './external-onnx';
import { predictTextFile } from './text-file';
import { describeError } from '../../data/log';
import { loadRecommendModel } from './recommend-model';
import { answerRecommend, searchUsers } from './recommend-answer';
import { tableColumnValues, tableRows } from './table-view';

/** Serves requests on `port`; `backlog` holds those that arrived before this module was loaded. */
export function serveExplorer(port: MessagePort, start: WorkerStartData, backlog: ExplorerHostMessage[] = []): void {
  let backendReady: Promise<unknown> | null = null;
  const models = new ModelCache(async (runId) => {
    const m = await loadExplorerModel(start.databasePath, start.nativeBinding, runId);
    // mlp explanations and partial dependence run the in-app TF.js model.
    if (m.artifact.family === 'mlp') await (backendReady ??= selectBackend());
    return m;
  });
  const external = new ExternalModels();
  const recommenders = new ModelCache((runId) => loadRecommendModel(start.databasePath, start.nativeBinding, runId));

  const handlers: ExplorerHandlers = {
    schema: async (req) => buildSchema(await models.get(req.target.runId), req.target, req.ref),
    predict: async (req) => predictRows(await models.get(req.target.runId), req.rows, req.explain, req.explainClass),
    pdp: async (req) => pdpOf(await models.get(req.target.runId), req.column, req.points, req.ice),
    rows: async (req) => datasetRows(start.databasePath, start.nativeBinding, await models.get(req.target.runId), req.offset, req.limit, req.search),
    thresholds: async (req) => thresholdCounts(start.databasePath, start.nativeBinding, await models.get(req.target.runId)),
    predictTextFile: async (req) => predictTextFile(await models.get(req.target.runId), req.path, req.displayName),
    openOnnx: (req) => external.open(req.path, req.displayName),
    runOnnx: (req) => external.run(req.id, req.rows, req.inputs),
    recommend: async (req) => answerRecommend(await recommenders.get(req.target.runId), req.query),
    tableRows: async (req) => tableRows(start.databasePath, start.nativeBinding, req.datasetId, req.view, req.offset, req.limit),
    tableColumnValues: async (req) => tableColumnValues(start.databasePath, start.nativeBinding, req.datasetId, req.position, req.limit, req.search),
    recommendUsers: async (req) => searchUsers(await recommenders.get(req.target.runId), req.search, req.limit),
  };
  const handle = <O extends ExplorerOp>(req: ExplorerRequestOf<O>): Promise<ExplorerResult<O>> => {
    const handler: ExplorerHandlers[O] = handlers[req.op];
    return handler(req);
  };

  // One request at a time: requests share the loaded models and the CPU anyway.
  let queue: Promise<void> = Promise.resolve();
  const receive = (msg: ExplorerHostMessage) => {
    if (msg.type !== 'request') return;
    queue = queue.then(async () => {
      let reply: ExplorerWorkerMessage;
      try {
        reply = { type: 'reply', id: msg.id, ok: true, data: await handle(msg.request) };
      } catch (err) {
        const error = err instanceof ApiError ? err.toBody() : { code: 'internal' as const, message: err instanceof Error ? err.message : String(err) };
        reply = { type: 'reply', id: msg.id, ok: false, error, stack: describeError(err) };
      }
      port.postMessage(reply);
    });
  };
  port.on('message', receive);
  // Messages that arrived before this module loaded are the same host messages, typed at the port.
  const early: ExplorerHostMessage[] = backlog;
  for (const msg of early) receive(msg);
}
