/**
 * The explorer's long-lived worker: keeps models loaded and onnxruntime sessions warm so the
 * what-if form answers in milliseconds, away from the main and HTTP threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { selectBackend } from '../../../models/mlp/backend';
import type { WorkerStartData } from '../protocol';
import type { ExplorerHostMessage, ExplorerRequest, ExplorerWorkerMessage } from './protocol';
import { loadExplorerModel, ModelCache } from './explorer-model';
import { buildSchema } from './schema';
import { predictRows } from './predict';
import { pdpOf } from './pdp';
import { ExternalModels } from './external-onnx';

/** Serves requests on `port`; `backlog` holds those that arrived before this module was loaded. */
export function serveExplorer(port: MessagePort, start: WorkerStartData, backlog: unknown[] = []): void {
  let backendReady: Promise<unknown> | null = null;
  const models = new ModelCache(async (runId) => {
    const m = await loadExplorerModel(start.databasePath, start.nativeBinding, runId);
    // mlp explanations and partial dependence run the in-app TF.js model.
    if (m.artifact.family === 'mlp') await (backendReady ??= selectBackend());
    return m;
  });
  const external = new ExternalModels();

  const handle = async (req: ExplorerRequest): Promise<unknown> => {
    switch (req.op) {
      case 'schema':
        return buildSchema(await models.get(req.target.runId), req.target, req.ref);
      case 'predict':
        return predictRows(await models.get(req.target.runId), req.rows, req.explain, req.explainClass);
      case 'pdp':
        return pdpOf(await models.get(req.target.runId), req.column, req.points);
      case 'openOnnx':
        return external.open(req.path, req.displayName);
      case 'runOnnx':
        return external.run(req.id, req.rows, req.inputs);
    }
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
        const error = err instanceof ApiError ? err.toBody() : { code: 'internal' as const, message: (err as Error)?.message ?? String(err) };
        reply = { type: 'reply', id: msg.id, ok: false, error };
      }
      port.postMessage(reply);
    });
  };
  port.on('message', receive);
  for (const msg of backlog) receive(msg as ExplorerHostMessage);
}
