import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { rendererRoot } from '../../host/app-root';
import { makeOutput } from '../output';
import { ApiError } from '../../../shared/api/errors';
import type { GlobalOptions } from '../main';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('browser mode: serve the app and its API on this machine')
    .option('--port <n>', 'port (0 picks a free one)', (v) => Number(v), 5199)
    .option('--host <addr>', 'address to bind; keep 127.0.0.1 unless you know why', '127.0.0.1')
    .option('--static <dir>', 'folder of the built renderer (default: out/renderer)')
    .action(async (opts: { port: number; host: string; static?: string }) => {
      const g = program.opts<GlobalOptions>();
      const out = makeOutput(Boolean(g.json));
      const staticRoot = opts.static ? path.resolve(opts.static) : rendererRoot();
      if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
        throw new ApiError('unavailable', `The app is not built (no ${path.join(staticRoot, 'index.html')}): run \`npm run build\` first.`);
      }
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
        throw new ApiError('bad_request', `--port must be an integer 0..65535, got '${opts.port}'`, { field: 'port' });
      }
      // Retraining plans run while the server is up; decisions reach the page as automation.decision events.
      const core = createCore({ home: g.home, host: 'browser', scheduler: true });
      // Loaded here, not with the command line: every other command would load the HTTP and WebSocket server too.
      const { startServer } = await import('../../host/server/http-server');
      const server = await startServer({ core, host: opts.host, port: opts.port, staticRoot });
      out.result({ url: server.url, port: server.port, home: core.home }, () =>
        `Lathe is running at ${server.url}\n(data folder: ${core.home}; press Ctrl+C to stop)`,
      );
      const stop = async () => {
        await server.close();
        await core.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
