/**
 * TF.js backend selection. Native bindings are optional packages, so they are
 * imported by computed specifier (bundlers and the type checker must not
 * require them) and every failure falls through to the next candidate:
 * tfjs-node-gpu -> tfjs-node -> wasm -> cpu.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

interface Candidate {
  name: BackendName;
  module: string | null;
  backend: string;
}

const CANDIDATES: Candidate[] = [
  { name: 'tensorflow-gpu', module: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow' },
  { name: 'tensorflow', module: '@tensorflow/tfjs-node', backend: 'tensorflow' },
  { name: 'wasm', module: '@tensorflow/tfjs-backend-wasm', backend: 'wasm' },
  { name: 'cpu', module: null, backend: 'cpu' },
];

let chosen: Candidate | null = null;

async function tryCandidate(c: Candidate): Promise<boolean> {
  try {
    if (c.module) {
      const spec = c.module;
      await import(/* @vite-ignore */ spec);
    }
    if (!(await tf.setBackend(c.backend))) return false;
    await tf.ready();
    // A backend can register yet fail on first use (e.g. a missing .wasm file).
    const probe = tf.tidy(() => tf.tensor1d([1, 2]).square().sum().dataSync()[0]);
    return probe === 5;
  } catch {
    return false;
  }
}

/**
 * Picks the fastest working backend (once per process, then re-activates it)
 * and returns its name. `only` restricts the candidates, e.g. ['cpu'] for
 * reproducible runs; a restricted choice is not remembered.
 */
export async function selectBackend(only?: BackendName[]): Promise<BackendName> {
  if (!only && chosen) {
    if (tf.getBackend() !== chosen.backend) await tf.setBackend(chosen.backend);
    return chosen.name;
  }
  for (const c of CANDIDATES) {
    if (only && !only.includes(c.name)) continue;
    if (await tryCandidate(c)) {
      if (!only) chosen = c;
      return c.name;
    }
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}

export { tf };
