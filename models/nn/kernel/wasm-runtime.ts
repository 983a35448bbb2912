/** The little of the WebAssembly API the kernels use (the project's Node typings do not declare it). */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** wasm32 memory is addressed by 32-bit offsets; stay well inside it. */
export const MAX_BYTES = 2 ** 31;

/** Compiles base64 module bytes; the reason in `error` when this runtime cannot (no WebAssembly, no SIMD). */
export function compileModule(base64: string): { module: object } | { error: string } {
  try {
    if (!wasm) return { error: 'this runtime has no WebAssembly' };
    return { module: new wasm.Module(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))) };
  } catch (e) {
    return { error: `WebAssembly SIMD is not available here (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** A fresh instance of `module` with at least `bytes` of memory. */
export function instantiate(module: object, bytes: number, imports: object = {}): { memory: WasmMemory; exports: Record<string, unknown> } {
  const instance = new wasm!.Instance(module, imports);
  const memory = instance.exports.memory as WasmMemory;
  memory.grow(Math.ceil(Math.max(0, bytes - memory.buffer.byteLength) / 65536));
  return { memory, exports: instance.exports };
}

/** Byte offsets of named blocks, each 16-byte aligned, and the total. */
export function layout<K extends string>(sizes: Record<K, number>): { off: Record<K, number>; bytes: number } {
  let at = 0;
  const off = {} as Record<K, number>;
  for (const key of Object.keys(sizes) as K[]) {
    off[key] = at;
    at = Math.ceil((at + sizes[key]) / 16) * 16;
  }
  return { off, bytes: at };
}

/** An instance of `module` on another instance's memory (imported as kernel.memory), for kernels that share one memory. */
export function instantiateOn(module: object, memory: WasmMemory): Record<string, unknown> {
  return new wasm!.Instance(module, { kernel: { memory } }).exports;
}
