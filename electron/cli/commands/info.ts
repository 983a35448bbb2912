import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { makeOutput } from '../output';
import type { GlobalOptions } from '../main';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show where data lives and which engines are available')
    .action(async () => {
      const g = program.opts<GlobalOptions>();
      const out = makeOutput(Boolean(g.json));
      const core = createCore({ home: g.home, host: 'cli' });
      try {
        const info = await core.call('app.info', {});
        out.result(info, () =>
          [`Lathe ${info.version}`, `data folder: ${info.home}`, `database:    ${info.databasePath}`,
            `node ${info.versions.node}, sqlite ${info.versions.sqlite}, ${info.platform}, ${info.cpus} cores`].join('\n'),
        );
      } finally {
        await core.close();
      }
    });
}
