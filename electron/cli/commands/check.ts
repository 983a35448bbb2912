import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { makeOutput } from '../output';
import type { GlobalOptions } from '../main';

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
          core.subscribe((event, p) => {
            if (event === 'job.progress' && 'fraction' in p) process.stderr.write(`\r${Math.round(p.fraction * 100)}% `);
          });
        }
        const r = await core.jobResult('system.machineCheck', jobId);
        const job = await core.call('jobs.get', { id: jobId });
        out.result(job, () => `\rmean ${r.meanGflops.toFixed(2)} GFLOP/s, best ${r.bestGflops.toFixed(2)} GFLOP/s over ${r.steps} steps`);
      } finally {
        process.off('SIGINT', onSigint);
        await core.close();
      }
    });
}
