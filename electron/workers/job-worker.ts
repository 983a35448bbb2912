import { parentPort, workerData } from 'node:worker_threads';
import type { HostToWorker, TaskContext, WorkerStartData, WorkerToHost } from './protocol';
import { tasks } from './tasks/index';
import { ApiError } from '../../shared/api/errors';
import { EXPLORER_SERVICE } from './explorer/protocol';

/** Entry of every job worker: runs one task, reports progress, honours cancel (or serves the explorer). */
const start = workerData as WorkerStartData;
const port = parentPort!;
const controller = new AbortController();
const send = (msg: WorkerToHost) => port.postMessage(msg);

port.on('message', (msg: HostToWorker) => {
  if (msg.type === 'cancel') controller.abort();
});

const after: (() => void)[] = [];
const flag = start.cancelFlag ? new Int32Array(start.cancelFlag) : null;
const ctx: TaskContext = {
  signal: controller.signal,
  cancelled: () => controller.signal.aborted || (flag !== null && Atomics.load(flag, 0) === 1),
  start,
  progress: (fraction, message) => send({ type: 'progress', fraction: Math.min(1, Math.max(0, fraction)), message }),
  metrics: (step, values) => send({ type: 'metrics', step, values }),
  afterResult: (work) => after.push(work),
};

async function main(): Promise<void> {
  const load = tasks[start.kind];
  if (!load) {
    send({ type: 'error', error: { code: 'bad_request', message: `Unknown job kind '${start.kind}'` } });
    return;
  }
  try {
    const task = await load();
    const data = await task(start.args, ctx);
    // Tasks that stop on cancel return null; one that finished anyway (a dataset registered
    // just as the cancel came) reports its result, so the job tells what happened.
    if (ctx.cancelled() && (data === null || data === undefined)) send({ type: 'cancelled' });
    else send({ type: 'result', data });
  } catch (err) {
    if (ctx.cancelled()) send({ type: 'cancelled' });
    else if (err instanceof ApiError) send({ type: 'error', error: err.toBody() });
    else send({ type: 'error', error: { code: 'internal', message: (err as Error)?.message ?? String(err) } });
    return;
  }
  for (const work of after) {
    try {
      work();
    } catch (err) {
      console.error(`after the ${start.kind} job: ${(err as Error)?.message ?? String(err)}`);
    }
  }
}

// The explorer is a long-lived service on the same entry, not a one-shot job. Requests that
// arrive while its modules load are kept and handed over.
if (start.kind === EXPLORER_SERVICE) {
  const early: unknown[] = [];
  const keep = (msg: unknown) => early.push(msg);
  port.on('message', keep);
  void import('./explorer/service').then((m) => {
    port.off('message', keep);
    m.serveExplorer(port, start, early);
  });
} else void main().finally(() => port.close());
