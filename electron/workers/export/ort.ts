import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import type { OnnxFeed } from '../../../models/export/onnx/index';

type Ort = typeof import('onnxruntime-node');
let ort: Ort | null = null;

/**
 * onnxruntime's telemetry writes under ~/.cache/Microsoft and a log in the temp folder unless
 * ORT_DISABLE_TELEMETRY is set; Lathe writes nothing outside its data folder and the folders the
 * user chooses. onnxruntime reads the process environment (getenv), and only the main thread's
 * process.env writes through to it, so the host sets it when it loads this module
 * (handlers/export.ts imports it), before any worker that could load onnxruntime starts.
 */
export function disableOrtTelemetry(): void {
  if (isMainThread) process.env.ORT_DISABLE_TELEMETRY = '1';
}
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

/** Runs a session on feeds built by buildFeeds(). */
export async function runSession(session: Session, feeds: Record<string, OnnxFeed>): Promise<Record<string, { data: ArrayLike<unknown> }>> {
  const o = loadOrt();
  const tensors: Record<string, InstanceType<Ort['Tensor']>> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new o.Tensor(f.type, f.data as never, f.dims);
  return (await session.run(tensors)) as unknown as Record<string, { data: ArrayLike<unknown> }>;
}
