/**
 * The `lathe` command's first step, before the bundle's ~150 ms of module loading: for a command
 * that runs a job, start its worker now (electron/host/jobs/standby-worker.ts), so the worker's
 * boot overlaps the command's own; it sees the arguments, so an import of a large file also
 * starts its writer thread. Other commands start nothing.
 */
import { startStandby } from '../host/jobs/standby-worker';
import { workerEntry } from '../host/jobs/worker-entry';
import { standbyKind } from './job-commands';

const argv = process.argv.slice(2);
const kind = standbyKind(argv);
if (kind) startStandby(workerEntry(), kind, argv);
