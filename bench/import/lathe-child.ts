// Runs one Lathe import (and then the profile) in a fresh process, printing timings and peak memory.
import { createCore } from '../../electron/host/core';

const [file, home, workerScript] = process.argv.slice(2);
const core = createCore({ home, host: 'cli', workerScript });
const t0 = performance.now();
const { jobId } = await core.call('datasets.import', { path: file });
const job = await core.ctx.jobs.wait(jobId);
const importMs = performance.now() - t0;
if (job.status !== 'succeeded') throw new Error(job.error?.message ?? job.status);
const id = (job.result as { id: string }).id;
// The dataset is usable from here; the worker then moves the WAL into the database file.
await core.ctx.jobs.settled();
const settledMs = performance.now() - t0;
const t1 = performance.now();
const { jobId: profileJob } = await core.call('datasets.profile', { id });
await core.ctx.jobs.wait(profileJob!);
const profileMs = performance.now() - t1;
await core.close();
process.stdout.write(
  JSON.stringify({ importMs, settledMs, profileMs, rows: (job.result as { rows: number }).rows, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
