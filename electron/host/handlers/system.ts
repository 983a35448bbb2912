import os from 'node:os';
import type { HandlerGroup } from './types';
import { APP_VERSION } from '../version';

export const systemHandlers: HandlerGroup<'app.info' | 'system.machineCheck'> = {
  'app.info': (_args, ctx) => ({
    name: 'Lathe',
    version: APP_VERSION,
    host: ctx.host,
    home: ctx.home,
    databasePath: ctx.databasePath,
    versions: {
      node: process.versions.node,
      sqlite: (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      electron: process.versions.electron ?? null,
    },
    platform: `${process.platform}-${process.arch}`,
    cpus: os.availableParallelism(),
  }),
  'system.machineCheck': (args, ctx) => {
    const job = ctx.jobs.start('system.machineCheck', `Machine check (${args.seconds} s)`, args);
    return { jobId: job.id };
  },
};
