/**
 * TF.js backend selection. Native bindings and the WebGPU packages are optional, so they are imported by
 * computed specifier (bundlers and the type checker must not require them) and every failure falls
 * through to the next candidate: tfjs-node-gpu → tfjs-node → WebGPU (Dawn) → wasm → cpu. Each candidate
 * tried is recorded with why it was refused, so a run can say which device trained it and why the
 * others did not (backendReport).
 */
import * as tf from '@tensorflow/tfjs';
import { registerSegmentSum } from './segment-sum';
import { registerUntransposedMatMul } from './wasm-matmul';
import { webGpuGateRefusal } from './webgpu-gate';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

/** One candidate tried: whether it worked, and if not, why. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  reason?: string;
}

export interface Candidate {
  name: BackendName;
  /** The TF.js backend name it registers. */
  backend: string;
  /** Loads what the backend needs; throws, with the reason, when it cannot. */
  load?: () => Promise<void>;
}

/** Imports an optional package by computed specifier, so that its absence is a refusal, not a build error. */
const optional = async (spec: string): Promise<Record<string, unknown>> => (await import(/* @vite-ignore */ spec)) as Record<string, unknown>;

/** Dawn (npm `webgpu`) as navigator.gpu, then TF.js's WebGPU backend; refused where Dawn finds no adapter. */
async function loadWebGpu(): Promise<void> {
  const refusal = webGpuGateRefusal();
  if (refusal) throw new Error(refusal);
  const dawn = await optional('webgpu');
  const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    Object.assign(globalThis, dawn.globals as object);
    const gpu = (dawn.create as (flags: string[]) => { requestAdapter(): Promise<unknown> })([]);
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error('Dawn found no GPU adapter (no GPU, or no Vulkan/Metal/D3D12 driver for it)');
    if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
    else g.navigator = { gpu };
  }
  await optional('@tensorflow/tfjs-backend-webgpu');
}

export const CANDIDATES: readonly Candidate[] = [
  // libtensorflow with CUDA 11.2 and cuDNN 8.1 (docs/networks-speed.md); refused where those are missing.
  { name: 'tensorflow-gpu', backend: 'tensorflow', load: async () => void (await optional('@tensorflow/tfjs-node-gpu')) },
  { name: 'tensorflow', backend: 'tensorflow', load: async () => void (await optional('@tensorflow/tfjs-node')) },
  { name: 'webgpu', backend: 'webgpu', load: loadWebGpu },
  { name: 'wasm', backend: 'wasm', load: async () => void (await optional('@tensorflow/tfjs-backend-wasm')) },
  { name: 'cpu', backend: 'cpu' },
];

function message(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  // Node names the importing file; the package is what the user can act on.
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(line);
  return missing ? `${missing[1]} is not installed (an optional package)` : line.slice(0, 300);
}

/** Tries one candidate; null when it works, else why not. */
async function tryCandidate(c: Candidate): Promise<string | null> {
  try {
    await c.load?.();
    if (!tf.findBackendFactory(c.backend) && !tf.findBackend(c.backend)) return `the ${c.backend} backend did not register`;
    if (!(await tf.setBackend(c.backend))) return `the ${c.backend} backend failed to initialise`;
    await tf.ready();
    // A backend can register yet fail on first use (e.g. a missing .wasm file).
    const probe = tf.tidy(() => tf.tensor1d([1, 2]).square().sum().dataSync()[0]);
    return probe === 5 ? null : `the ${c.backend} backend computed 1² + 2² = ${probe}`;
  } catch (e) {
    return message(e);
  }
}

/** Tries `candidates` in order (those in `only`, when given) and returns the first that works with every attempt. */
export async function probeChain(candidates: readonly Candidate[], only?: readonly BackendName[]): Promise<{ chosen: Candidate | null; tried: BackendAttempt[] }> {
  const tried: BackendAttempt[] = [];
  for (const c of candidates) {
    if (only && !only.includes(c.name)) continue;
    const reason = await tryCandidate(c);
    tried.push(reason === null ? { name: c.name, ok: true } : { name: c.name, ok: false, reason });
    if (reason === null) return { chosen: c, tried };
  }
  return { chosen: null, tried };
}

/** What this process trains on: the backend chosen, the chain tried, and what the training loop used. */
export interface BackendReport {
  backend: BackendName;
  tried: BackendAttempt[];
  /** Set by the training loop: 'wasm-kernel' or the TF.js backend that trained the batches. */
  trainedOn?: string;
  /** Why the WebAssembly kernel did not train the network, when it did not. */
  kernelSkipped?: string;
}

let chosen: { candidate: Candidate; tried: BackendAttempt[] } | null = null;
let report: BackendReport | null = null;

/**
 * Picks the fastest working backend (once per process, then re-activates it) and returns its name. `only`
 * restricts the candidates, e.g. ['cpu'] for reproducible runs; a restricted choice is not remembered.
 */
export async function selectBackend(only?: BackendName[]): Promise<BackendName> {
  if (!only && chosen) {
    if (tf.getBackend() !== chosen.candidate.backend) await tf.setBackend(chosen.candidate.backend);
    report = { backend: chosen.candidate.name, tried: chosen.tried };
    return chosen.candidate.name;
  }
  const { chosen: c, tried } = await probeChain(CANDIDATES, only);
  if (!c) throw new Error(`no TensorFlow.js backend could be initialised: ${tried.map((t) => `${t.name}: ${t.reason}`).join('; ')}`);
  if (c.backend === 'wasm' || c.backend === 'cpu') registerSegmentSum(c.backend);
  if (c.backend === 'wasm') registerUntransposedMatMul();
  if (!only) chosen = { candidate: c, tried };
  report = { backend: c.name, tried };
  return c.name;
}

/** The last selection's backend and chain, with what the training loop noted since; null before any. */
export function backendReport(): BackendReport | null {
  return report ? { ...report, tried: [...report.tried] } : null;
}

/** Called by the training loop with what trained the batches (and why the kernel did not, when it did not). */
export function noteTrainingDevice(trainedOn: string, kernelSkipped?: string): void {
  const backend = (report?.backend ?? tf.getBackend()) as BackendName;
  report = { backend, tried: report?.tried ?? [], trainedOn, ...(kernelSkipped ? { kernelSkipped } : {}) };
}

export { tf };
