import { Worker } from 'node:worker_threads';
import type { HostToWorker, StandbyData, WorkerStartData } from '../../workers/protocol';

/**
 * A job worker started before its job is known. Booting a worker (Node's realm, the worker's
 * modules, the job contract's schemas) takes ~0.13 s; the `lathe` command starts one at once
 * (electron/cli/warm.ts) so that boot overlaps the command's own start instead of following it.
 * The worker waits, unref'd (it never keeps the process alive), for a `start` message carrying
 * what `workerData` carries for a worker started the plain way. One spare at most.
 */
interface Spare {
  script: string;
  worker: Worker;
  alive: boolean;
}

// On globalThis: the command's warm-up entry and the app's chunks are separate module graphs.
const SLOT = Symbol.for('lathe.standbyWorker');
type Holder = { [SLOT]?: Spare };
const holder = globalThis as Holder;

/**
 * Starts the spare worker for `script`, loading the task of `preload` while it waits; `argv`
 * (the command's arguments) lets that task prepare what it can before the job is known.
 */
export function startStandby(script: string, preload?: string, argv?: string[]): void {
  if (holder[SLOT]?.alive) return;
  const standby: StandbyData = { standby: true, preload, argv };
  const worker = new Worker(script, { workerData: standby });
  const spare: Spare = { script, worker, alive: true };
  const drop = () => {
    spare.alive = false;
    if (holder[SLOT] === spare) delete holder[SLOT];
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  worker.unref();
  holder[SLOT] = spare;
}

/** A worker running `data`: the spare when one is waiting for this script, else a new one. */
export function jobWorker(script: string, data: WorkerStartData): Worker {
  const spare = holder[SLOT];
  if (spare?.alive && spare.script === script) {
    delete holder[SLOT];
    spare.worker.removeAllListeners('error').removeAllListeners('exit');
    spare.worker.ref();
    const start: HostToWorker = { type: 'start', data };
    spare.worker.postMessage(start);
    return spare.worker;
  }
  return new Worker(script, { workerData: data });
}
