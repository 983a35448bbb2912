import { createCore, type Core } from '../host/core';
import { ApiError } from '../../shared/api/errors';
import type { JobDto } from '../../shared/api/dto';
import { makeOutput, type Output } from './output';
import type { GlobalOptions } from './main';

/** Opens the core for one command and always closes it. */
export async function withCore(g: GlobalOptions, fn: (core: Core, out: Output) => Promise<void>): Promise<void> {
  const out = makeOutput(Boolean(g.json));
  const core = createCore({ home: g.home, host: 'cli' });
  try {
    await fn(core, out);
  } finally {
    await core.close();
  }
}

/**
 * Waits for a job, drawing progress on stderr when it is a terminal; Ctrl+C cancels the job.
 * A job that did not succeed becomes the command's error.
 */
export async function waitForJob(core: Core, jobId: string, json: boolean): Promise<JobDto> {
  const tty = !json && process.stderr.isTTY;
  const onSigint = () => void core.call('jobs.cancel', { id: jobId });
  process.once('SIGINT', onSigint);
  const off = core.ctx.events.subscribe((event, p) => {
    if (tty && event === 'job.progress' && (p as { jobId: string }).jobId === jobId) {
      const { fraction, message } = p as { fraction: number; message: string | null };
      process.stderr.write(`\r\x1b[K${Math.round(fraction * 100)}% ${message ?? ''}`);
    }
  });
  try {
    const job = await core.ctx.jobs.wait(jobId);
    if (tty) process.stderr.write('\r\x1b[K');
    if (job.status !== 'succeeded') {
      throw new ApiError(job.status === 'cancelled' ? 'cancelled' : 'bad_request', job.error?.message ?? `The job ended as ${job.status}`, job.error?.details);
    }
    return job;
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}
