import { createRequire } from 'node:module';
import { ApiError } from '../../../shared/api/errors';
import type { OnnxFeed } from '../../../models/export/onnx/index';

type Ort = typeof import('onnxruntime-node');
let ort: Ort | null = null;

import { disableOrtTelemetry } from '../../data/ort-env';

// Also here, so a process that loads onnxruntime without the host's handlers (a test, a tool) is covered.
disableOrtTelemetry();

/** onnxruntime-node loads on first use; a broken native install is one clear error. */
export function loadOrt(): Ort {
  if (ort) return ort;
  try {
    ort = createRequire(import.meta.url)('onnxruntime-node') as Ort;
    return ort;
  } catch (err) {
    throw new ApiError('unavailable', `ONNX Runtime (onnxruntime-node) could not be loaded: ${(err as Error).message.split('\n')[0]}`);
  }
}

export type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export async function createSession(bytes: Uint8Array): Promise<Session> {
  return loadOrt().InferenceSession.create(bytes);
}

/** onnxruntime tensors of feeds built by buildFeeds(). */
export function toTensors(feeds: Record<string, OnnxFeed>): Record<string, InstanceType<Ort['Tensor']>> {
  const o = loadOrt();
  const tensors: Record<string, InstanceType<Ort['Tensor']>> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new o.Tensor(f.type, f.data as never, f.dims);
  return tensors;
}

/** Runs a session on feeds built by buildFeeds(). */
export async function runSession(session: Session, feeds: Record<string, OnnxFeed>): Promise<Record<string, { data: ArrayLike<unknown> }>> {
  return (await session.run(toTensors(feeds))) as unknown as Record<string, { data: ArrayLike<unknown> }>;
}
