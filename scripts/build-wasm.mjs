// Compiles the project's WebAssembly text sources into TypeScript modules holding the binary as
// base64, so the engine needs no build step and no file reads: node scripts/build-wasm.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCES = [
  ['models/recommend/mf-kernel.wat', 'models/recommend/mf-kernel-wasm.ts'],
  ['models/nn/kernel/dense-kernel.wat', 'models/nn/kernel/dense-kernel-wasm.ts'],
  ['models/nn/kernel/lstm-kernel.wat', 'models/nn/kernel/lstm-kernel-wasm.ts'],
];

/** The TypeScript module for one .wat file. */
export async function compileWat(watPath) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(path.basename(watPath), fs.readFileSync(watPath, 'utf8'), { simd: true });
  const { buffer } = mod.toBinary({});
  mod.destroy();
  const b64 = Buffer.from(buffer).toString('base64');
  return `// Generated from ${path.basename(watPath)} by scripts/build-wasm.mjs; do not edit.\nexport const WASM_BASE64 =\n  '${b64}';\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [wat, out] of WASM_SOURCES) {
    fs.writeFileSync(path.join(root, out), await compileWat(path.join(root, wat)));
    console.log(`wrote ${out}`);
  }
}
