/**
 * server.mjs: the model server on its own, without Lathe (bundled by esbuild into an exported bundle; it needs only
 * Node ≥ 20 and onnxruntime-node). `node server.mjs --model-dir . [--candidate-dir DIR --policy FILE] [--port N]
 * [--host H] [--token T | $LATHE_SERVE_TOKEN] [--logs DIR]`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readPolicyFile } from './policy-file';
import { startServer } from './start';

const USAGE = 'usage: node server.mjs --model-dir DIR [--candidate-dir DIR --policy FILE] [--port N] [--host H] [--token T] [--logs DIR]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'model-dir': { type: 'string', default: '.' },
      'candidate-dir': { type: 'string' },
      policy: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      logs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  if (!fs.existsSync(`${values['model-dir']}/manifest.json`)) throw new Error(`${values['model-dir']}/manifest.json not found: --model-dir must be an exported bundle`);
  await startServer({
    stableDir: values['model-dir']!,
    candidateDir: values['candidate-dir'],
    policy: values.policy ? readPolicyFile(values.policy) : undefined,
    host: values.host,
    port,
    token: values.token ?? process.env.LATHE_SERVE_TOKEN ?? null,
    logsDir: values.logs ?? null,
  });
}

main().catch((err: Error) => {
  process.stderr.write(`server: ${err.message}\n${USAGE}\n`);
  process.exit(1);
});
