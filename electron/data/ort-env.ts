import { isMainThread } from 'node:worker_threads';

/**
 * onnxruntime's telemetry writes under ~/.cache/Microsoft and a log in the temp folder unless
 * ORT_DISABLE_TELEMETRY is set; Lathe writes nothing outside its data folder and the folders the
 * user chooses. onnxruntime reads the process environment (getenv), and only the main thread's
 * process.env writes through to it, so the host sets it when it loads this module
 * (handlers/export.ts calls this), before any worker that could load onnxruntime starts.
 */
export function disableOrtTelemetry(): void {
  if (isMainThread) process.env.ORT_DISABLE_TELEMETRY = '1';
}
