/**
 * tokenizer.mjs, the module a text export bundle carries: models/export/onnx/textTokens.ts and the tokenizer it
 * imports, bundled by esbuild into one ES module with no imports. Built from the sources when they are here (tests,
 * the CLI through tsx, development), else read from out/main/text-tokenizer.mjs, which `npm run build` writes.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../../shared/api/errors';
import type { StringFeed, TextGraphSpec } from '../../../models/export/onnx/textTokens';
import type { TokenizeOptions } from '../../../models/text/tokenize';

export const TEXT_PREBUILT_NAME = 'text-tokenizer.mjs';

const BANNER = '// Lathe text tokenizer: one ES module with no imports, for Node >= 18 and browsers. Generated; do not edit.';

interface EsbuildLike {
  build(o: Record<string, unknown>): Promise<{ outputFiles: { text: string }[]; metafile: { outputs: Record<string, { imports: { path: string }[] }> } }>;
}

/** The module source beside the engine (tsx) or from a bundled chunk (out/main[/chunks]). */
const SOURCE_CANDIDATES = ['../../../models/export/onnx/textTokens.ts', '../../models/export/onnx/textTokens.ts'];
const PREBUILT_CANDIDATES = [`./${TEXT_PREBUILT_NAME}`, `../${TEXT_PREBUILT_NAME}`];

const firstExisting = (candidates: string[]) => candidates.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((p) => fs.existsSync(p));

export async function buildTextModule(entry = firstExisting(SOURCE_CANDIDATES)): Promise<string> {
  if (!entry) throw new Error('the text tokenizer sources are not here');
  // A computed name keeps bundlers of the app from pulling esbuild (a build tool) into it.
  const name = 'esbuild';
  const esbuild = (await import(/* @vite-ignore */ name)) as EsbuildLike;
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'neutral', target: 'es2022',
    banner: { js: BANNER }, legalComments: 'inline', metafile: true, logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
  if (imports.length > 0) throw new Error(`the text tokenizer still imports ${imports.map((i) => i.path).join(', ')}`);
  return result.outputFiles[0].text;
}

let cached: Promise<string> | null = null;

/** The bundle's tokenizer.mjs: built once per process from the sources, or the prebuilt file. */
export function textModuleSource(): Promise<string> {
  cached ??= (async () => {
    const entry = firstExisting(SOURCE_CANDIDATES);
    if (entry) return buildTextModule(entry);
    const prebuilt = firstExisting(PREBUILT_CANDIDATES);
    if (prebuilt) return fs.readFileSync(prebuilt, 'utf8');
    throw new ApiError('internal', `The text tokenizer (${TEXT_PREBUILT_NAME}) is missing from this build; run npm run build`);
  })();
  cached.catch(() => (cached = null));
  return cached;
}

/** The functions of the module as shipped, loaded from its source: parity checks run the bundle's own tokenizer. */
export interface TextModule {
  textFeeds(texts: (string | null)[], spec: TextGraphSpec): Record<string, StringFeed>;
  bagOfNgrams(texts: (string | null)[], vocabulary: string[], tokenizer: Partial<TokenizeOptions>, maxN: number): { data: Float32Array; dims: [number, number] };
}

export async function loadTextModule(source: string): Promise<TextModule> {
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as TextModule;
}
