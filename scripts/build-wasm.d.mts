/** The WebAssembly sources and their generated modules, relative to the repository root. */
export const WASM_SOURCES: [wat: string, generated: string][];
/** The TypeScript module scripts/build-wasm.mjs writes for one .wat file. */
export function compileWat(watPath: string): Promise<string>;
