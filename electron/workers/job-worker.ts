import { parentPort, workerData } from 'node:worker_threads';
import type { HostToWorker, StandbyData, TaskContext, TaskRegistry, WorkerStartData, WorkerToHost } from './protocol';
import { tasks } from './tasks/index';
import { prepareTask } from './tasks/prepare';
import { ApiError } from '../../shared/api/errors';
import { isHostJobKind, isJobKind, type JobArgs, type JobKind, type JobOutput, type WorkerJobKind } from '../../shared/api/jobs';
import { EXPLORER_SERVICE, type ExplorerHostMessage } from './explorer/protocol';
import { describeError } from '../data/log';
import { webGpuRefusal } from '../data/vulkan';
import { setWebGpuGate } from '../../models/mlp/webgpu-gate';

// Dawn prints a native warning where no Vulkan loader exists; refuse WebGPU first, with the reason, instead.
setWebGpuGate(webGpuRefusal);

/** Entry of every job worker: runs one task, reports progress, honours cancel (or serves the explorer). */
const port = parentPort!;
/** A job (kind and arguments checked against the job contract by the host), or the explorer service. */
type Start = WorkerStartData<JobKind> | WorkerStartData<typeof EXPLORER_SERVICE>;
const start = await startData(workerData as Start | StandbyData);
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
  facts: (values) => send({ type: 'facts', values }),
  afterResult: (work) => after.push(work),
};

/** Runs the task of one kind with its arguments; the mapped registry keeps kind and task paired. */
async function runTask<K extends WorkerJobKind>(registry: TaskRegistry, kind: K, args: JobArgs<K>): Promise<JobOutput<K> | null> {
  const task = await registry[kind]();
  return task(args, ctx);
}

async function main(job: WorkerStartData<JobKind>): Promise<void> {
  const kind = job.kind;
  if (!isJobKind(kind) || isHostJobKind(kind)) {
    send({ type: 'error', error: { code: 'internal', message: `No worker task for the job kind '${String(kind)}'` } });
    return;
  }
  try {
    // The host parsed these against the job contract for this kind before starting the worker.
    const data = await runTask(tasks, kind, job.args as JobArgs<typeof kind>);
    // Tasks that stop on cancel return null; one that finished anyway (a dataset registered
    // just as the cancel came) reports its result, so the job tells what happened.
    if (ctx.cancelled() && (data === null || data === undefined)) send({ type: 'cancelled' });
    else send({ type: 'result', data });
  } catch (err) {
    if (ctx.cancelled()) send({ type: 'cancelled' });
    else send(errorMessage(err));
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

/** A failure as it crosses to the host: code and message for the user, stack and causes for the log. */
function errorMessage(err: unknown): WorkerToHost {
  const stack = describeError(err);
  if (err instanceof ApiError) return { type: 'error', error: err.toBody(), stack };
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', error: { code: 'internal', message }, stack };
}

/**
 * What this worker runs: its workerData, or, for a worker started ahead of its job, the first
 * message. Meanwhile it loads the likely task's modules.
 */
function startData(data: Start | StandbyData): Promise<Start> | Start {
  if (!('standby' in data)) return data;
  if (data.preload && isJobKind(data.preload) && !isHostJobKind(data.preload)) {
    tasks[data.preload]().catch(() => undefined); // a hint: the real job loads its own
    if (data.argv) void prepareTask(data.preload, data.argv);
  }
  return new Promise((resolve) => {
    const onStart = (msg: HostToWorker) => {
      if (msg.type !== 'start') return;
      port.off('message', onStart);
      resolve(msg.data as Start);
    };
    port.on('message', onStart);
  });
}

// The explorer is a long-lived service on the same entry, not a one-shot job. Requests that
// arrive while its modules load are kept and handed over.
if (start.kind === EXPLORER_SERVICE) {
  const early: ExplorerHostMessage[] = [];
  const keep = (msg: ExplorerHostMessage) => early.push(msg);
  port.on('message', keep);
  void import('./explorer/service').then((m) => {
    port.off('message', keep);
    m.serveExplorer(port, start, early);
  });
} else void main(start).finally(() => port.close());
