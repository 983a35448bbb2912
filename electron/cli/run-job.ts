import { createCore, type Core } from '../host/core';
import type { JobKind, JobResult } from '../../shared/api/jobs';
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
 * Waits for a job of a known kind, drawing progress on stderr when it is a terminal; Ctrl+C
 * cancels the job. A job that did not succeed becomes the command's error, with its own code.
 */
export async function waitForJob<K extends JobKind>(core: Core, kind: K, jobId: string, json: boolean): Promise<JobResult<K>> {
  const tty = !json && process.stderr.isTTY;
  const onSigint = () => void core.call('jobs.cancel', { id: jobId });
  process.once('SIGINT', onSigint);
  const off = core.subscribe((event, p) => {
    if (tty && event === 'job.progress' && 'jobId' in p && p.jobId === jobId && 'fraction' in p) {
      process.stderr.write(`\r\x1b[K${Math.round(p.fraction * 100)}% ${p.message ?? ''}`);
    }
  });
  try {
    return await core.jobResult(kind, jobId);
  } finally {
    if (tty) process.stderr.write('\r\x1b[K');
    off();
    process.off('SIGINT', onSigint);
  }
}
