import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { makeOutput } from '../output';
import type { GlobalOptions } from '../main';

export function registerJobs(program: Command): void {
  program
    .command('jobs')
    .description('list recent background jobs and their state')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .action(async (opts: { limit: number }) => {
      const g = program.opts<GlobalOptions>();
      const out = makeOutput(Boolean(g.json));
      const core = createCore({ home: g.home, host: 'cli' });
      try {
        const jobs = await core.call('jobs.list', { limit: opts.limit });
        out.result(jobs, () =>
          jobs.length === 0
            ? 'No jobs yet.'
            : jobs.map((j) => `${j.id}  ${j.status.padEnd(11)} ${(j.progress * 100).toFixed(0).padStart(3)}%  ${j.title}`).join('\n'),
        );
      } finally {
        await core.close();
      }
    });
}
