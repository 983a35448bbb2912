import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { makeOutput } from '../output';
import type { GlobalOptions } from '../main';
import { ApiError } from '../../../shared/api/errors';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('measure this machine (a short background job with progress)')
    .option('--seconds <n>', 'how long to measure', (v) => Number(v), 5)
    .action(async (opts: { seconds: number }) => {
      const g = program.opts<GlobalOptions>();
      const out = makeOutput(Boolean(g.json));
      const core = createCore({ home: g.home, host: 'cli' });
      const onSigint = () => void core.call('jobs.cancel', { id: jobId });
      let jobId = '';
      try {
        ({ jobId } = await core.call('system.machineCheck', { seconds: opts.seconds }));
        process.once('SIGINT', onSigint);
        if (!g.json && process.stderr.isTTY) {
          core.ctx.events.subscribe((event, p) => {
            if (event === 'job.progress') process.stderr.write(`\r${Math.round((p as { fraction: number }).fraction * 100)}% `);
          });
        }
        const job = await core.ctx.jobs.wait(jobId);
        if (job.status !== 'succeeded') throw new ApiError('internal', job.error?.message ?? `job ${job.status}`);
        const r = job.result as { meanGflops: number; bestGflops: number; steps: number };
        out.result(job, () => `\rmean ${r.meanGflops.toFixed(2)} GFLOP/s, best ${r.bestGflops.toFixed(2)} GFLOP/s over ${r.steps} steps`);
      } finally {
        process.off('SIGINT', onSigint);
        await core.close();
      }
    });
}
