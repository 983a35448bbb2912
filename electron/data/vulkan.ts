/**
 * Whether a Vulkan loader is installed, for Linux, where Dawn (TF.js's WebGPU backend, onnxruntime's WebGPU
 * provider) reaches the GPU through Vulkan. Without one Dawn finds no adapter anyway, but only after printing a
 * native warning on stderr that Lathe cannot catch; checking first keeps `lathe predict` and training quiet.
 */
import fs from 'node:fs';
import path from 'node:path';

const LIB = 'libvulkan.so.1';
const DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/lib64', '/lib', '/usr/local/lib'];

/** Why WebGPU cannot start here, or null where it may (other platforms, or a loader found). */
export function webGpuRefusal(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): string | null {
  if (platform !== 'linux') return null;
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...DIRS];
  return dirs.some((d) => exists(path.join(d, LIB))) ? null : `no Vulkan loader (${LIB}) on this machine, so no GPU adapter for WebGPU`;
}
