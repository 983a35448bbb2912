/**
 * server.mjs, the model server an exported ONNX bundle carries: electron/serving bundled by esbuild into one ES module
 * whose only import besides Node's own is onnxruntime-node. Built from the sources when they are here (tests, the CLI
 * through tsx), else read from out/main/model-server.mjs, which `npm run build` writes for packaged builds.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../../shared/api/errors';

export const SERVER_PREBUILT_NAME = 'model-server.mjs';

const BANNER = '// Lathe model server: node server.mjs --model-dir . [--policy FILE] [--port N] [--host H] [--token T] [--logs DIR]. Needs Node >= 20 and onnxruntime-node. Generated; do not edit.';

interface EsbuildLike {
  build(o: Record<string, unknown>): Promise<{ outputFiles: { text: string }[]; metafile: { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> } }>;
}

const SOURCE_CANDIDATES = ['../../serving/main.ts', '../../electron/serving/main.ts', '../../../electron/serving/main.ts'];
const PREBUILT_CANDIDATES = [`./${SERVER_PREBUILT_NAME}`, `../${SERVER_PREBUILT_NAME}`];

const firstExisting = (candidates: string[]) => candidates.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((p) => fs.existsSync(p));

/** Bundles the server from its sources; refuses a result that imports anything but Node built-ins and onnxruntime-node. */
export async function buildServerModule(entry = firstExisting(SOURCE_CANDIDATES)): Promise<string> {
  if (!entry) throw new Error('the model server sources are not here');
  const name = 'esbuild';
  const esbuild = (await import(/* @vite-ignore */ name)) as EsbuildLike;
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20',
    external: ['onnxruntime-node'], banner: { js: BANNER }, legalComments: 'inline', metafile: true, logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports).filter((i) => i.path !== 'onnxruntime-node' && !i.path.startsWith('node:') && !/^[a-z_]+$/.test(i.path));
  if (imports.length > 0) throw new Error(`the model server still imports ${imports.map((i) => i.path).join(', ')}`);
  return result.outputFiles[0].text;
}

let cached: Promise<string> | null = null;

export function serverModuleSource(): Promise<string> {
  cached ??= (async () => {
    const entry = firstExisting(SOURCE_CANDIDATES);
    if (entry) return buildServerModule(entry);
    const prebuilt = firstExisting(PREBUILT_CANDIDATES);
    if (prebuilt) return fs.readFileSync(prebuilt, 'utf8');
    throw new ApiError('internal', `The model server (${SERVER_PREBUILT_NAME}) is missing from this build; run npm run build`);
  })();
  cached.catch(() => (cached = null));
  return cached;
}
