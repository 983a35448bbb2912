/**
 * The execution provider for batch inference: onnxruntime-node's WebGPU provider when it runs here and is
 * faster on the first chunk than the CPU one, else CPU. Each provider tried is recorded with why it was
 * not used (not in this build, no adapter, slower), and the job returns that record.
 */
import type { InferenceProviderDto } from '../../../shared/api/jobs';
import { webGpuRefusal } from '../../data/vulkan';
import { loadOrt, type Session } from './ort';

type Ort = ReturnType<typeof loadOrt>;
type Feeds = Record<string, InstanceType<Ort['Tensor']>>;

/** The error's first line, from onnxruntime's own words when it prefixes them with a source location. */
function message(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const own = line.search(/Failed to|No supported|no available/i);
  return (own > 0 ? line.slice(own) : line).slice(0, 300);
}

/** Median of three timed runs after a warm-up (a GPU's first run compiles its shaders). */
async function timeRuns(session: Session, feeds: Feeds): Promise<number> {
  await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1];
}

/**
 * A session for `bytes` on the faster provider for `sample` (the first chunk's feeds), with the record.
 * `ort` is injectable for tests.
 */
export async function batchSession(bytes: Uint8Array, sample: Feeds, ort: Ort = loadOrt(), noGpu: () => string | null = webGpuRefusal): Promise<{ session: Session; provider: InferenceProviderDto }> {
  const tried: InferenceProviderDto['tried'] = [];
  const cpu = await ort.InferenceSession.create(bytes);
  const bundled = ort.listSupportedBackends?.().some((b) => b.name === 'webgpu' && b.bundled) ?? false;
  const refusal = bundled ? noGpu() : 'not in this onnxruntime-node build';
  if (refusal) {
    tried.push({ name: 'webgpu', ok: false, reason: refusal });
  } else {
    let gpu: Session | null = null;
    try {
      gpu = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'] });
      const [gpuMs, cpuMs] = [await timeRuns(gpu, sample), await timeRuns(cpu, sample)];
      if (gpuMs < cpuMs) {
        await cpu.release();
        tried.push({ name: 'webgpu', ok: true });
        return { session: gpu, provider: { used: 'webgpu', tried } };
      }
      tried.push({ name: 'webgpu', ok: false, reason: `slower than the CPU on the first chunk (${gpuMs.toFixed(1)} ms against ${cpuMs.toFixed(1)} ms)` });
    } catch (e) {
      tried.push({ name: 'webgpu', ok: false, reason: message(e) });
    }
    await gpu?.release();
  }
  tried.push({ name: 'cpu', ok: true });
  return { session: cpu, provider: { used: 'cpu', tried } };
}
