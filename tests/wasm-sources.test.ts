import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_SOURCES, compileWat } from '../scripts/build-wasm.mjs';

const root = path.resolve(import.meta.dirname, '..');

describe('WebAssembly modules', () => {
  it.each(WASM_SOURCES)('%s is what its committed module holds (run node scripts/build-wasm.mjs after editing it)', async (wat, generated) => {
    expect(fs.readFileSync(path.join(root, generated), 'utf8')).toBe(await compileWat(path.join(root, wat)));
  });
});
