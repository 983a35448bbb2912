/**
 * forecast.mjs, the runtime an exported forecast bundle carries: forecast-module.ts and the forecasting engine it
 * imports, bundled by esbuild into one ES module with no imports. Built from the sources when they are here (tests,
 * the CLI through tsx, development), else read from out/main/forecast-runtime.mjs, which `npm run build` writes
 * (scripts/build-forecast-runtime.mjs) for packaged builds, where neither the sources nor esbuild travel.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../../shared/api/errors';

export const PREBUILT_NAME = 'forecast-runtime.mjs';

const BANNER = '// Lathe forecasting runtime: one ES module with no imports, for Node >= 18 and browsers. Generated; do not edit.';

interface EsbuildLike {
  build(o: Record<string, unknown>): Promise<{ outputFiles: { text: string }[]; metafile: { outputs: Record<string, { imports: { path: string; kind: string }[] }> } }>;
}

/** The module source beside this file (tsx) or two/three folders up from a bundled chunk (out/main[/chunks]). */
const SOURCE_CANDIDATES = ['./forecast-module.ts', '../../electron/workers/export/forecast-module.ts', '../../../electron/workers/export/forecast-module.ts'];
const PREBUILT_CANDIDATES = [`./${PREBUILT_NAME}`, `../${PREBUILT_NAME}`];

/**
 * The engine reads family defaults from shared/families, whose zod schemas (forms, API arguments) a forecast never
 * uses; a stand-in for zod keeps ~700 KB of it out of the module. Should anything validate through it after all,
 * it throws rather than pass a value on unchecked (and the export's parity check would fail).
 */
const ZOD_STAND_IN = `
const refuse = () => { throw new Error('schema validation is not part of the Lathe forecasting runtime'); };
const chain = new Proxy(function () {}, {
  get: (_t, key) => (key === 'parse' || key === 'safeParse' || key === 'parseAsync' || key === 'safeParseAsync' ? refuse : chain),
  apply: () => chain,
});
export const z = chain;
export default chain;
`;

/**
 * The family table also brings the families' training code, which reaches Node (worker threads for the tree
 * builder, the core count) and TF.js (the lstm trainer; its forecasts run in plain TypeScript). Forecasting from
 * stored parameters never trains, so these modules are stand-ins whose every export throws if used: the module
 * keeps no imports and loads in browsers.
 */
const NODE_STAND_IN = `
const unavailable = (name) => new Proxy(function () {}, {
  apply: () => { throw new Error(name + ' is not available in the Lathe forecasting runtime (it forecasts, never trains)'); },
  construct: () => { throw new Error(name + ' is not available in the Lathe forecasting runtime (it forecasts, never trains)'); },
});
module.exports = new Proxy({}, { get: (_t, key) => (key === '__esModule' ? false : unavailable(String(key))) });
`;

type PluginBuild = { onResolve(o: object, f: (a: { path: string; importer: string }) => object | undefined): void; onLoad(o: object, f: () => object): void };

/** The lstm family's trainer and TF.js network, which it imports only when fitting. */
const LSTM_TRAINING = /[\\/]models[\\/]forecast[\\/]lstm[\\/]family\.ts$/;

const standIns = {
  name: 'stand-ins',
  setup(b: PluginBuild) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, () => ({ path: 'zod', namespace: 'zod-stand-in' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-stand-in' }, () => ({ contents: ZOD_STAND_IN, loader: 'js' }));
    b.onResolve({ filter: /^(node:|@tensorflow\/)/ }, (a) => ({ path: a.path, namespace: 'node-stand-in' }));
    b.onResolve({ filter: /^\.\/(train|tf-network)$/ }, (a) => (LSTM_TRAINING.test(a.importer) ? { path: a.path, namespace: 'node-stand-in' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'node-stand-in' }, () => ({ contents: NODE_STAND_IN, loader: 'js' }));
  },
};

const firstExisting = (candidates: string[]) => candidates.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((p) => fs.existsSync(p));

/** Bundles the runtime from its sources; refuses a result that still imports anything but Node's fs (the CLI mode's). */
export async function buildForecastModule(entry = firstExisting(SOURCE_CANDIDATES)): Promise<string> {
  if (!entry) throw new Error('the forecasting runtime sources are not here');
  // A computed name keeps bundlers of the app from pulling esbuild (a build tool) into it.
  const name = 'esbuild';
  const esbuild = (await import(/* @vite-ignore */ name)) as EsbuildLike;
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    legalComments: 'inline',
    metafile: true,
    logLevel: 'silent',
    plugins: [standIns],
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports).filter((i) => i.path !== '<runtime>');
  if (imports.length > 0) throw new Error(`the forecasting runtime still imports ${imports.map((i) => i.path).join(', ')}`);
  return result.outputFiles[0].text;
}

let cached: Promise<string> | null = null;

/** The bundle's forecast.mjs: built once per process from the sources, or the prebuilt file. */
export function forecastModuleSource(): Promise<string> {
  cached ??= (async () => {
    const entry = firstExisting(SOURCE_CANDIDATES);
    if (entry) return buildForecastModule(entry);
    const prebuilt = firstExisting(PREBUILT_CANDIDATES);
    if (prebuilt) return fs.readFileSync(prebuilt, 'utf8');
    throw new ApiError('internal', `The forecasting runtime (${PREBUILT_NAME}) is missing from this build; run npm run build`);
  })();
  cached.catch(() => (cached = null));
  return cached;
}
