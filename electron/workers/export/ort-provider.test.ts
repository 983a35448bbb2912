import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../models/export/onnx/proto';
import { loadOrt, type Session } from './ort';
import { batchSession } from './ort-provider';

type Ort = ReturnType<typeof loadOrt>;

/** y = x · w for x [n, 4]: the smallest graph worth running. */
function matMulModel(): Uint8Array {
  const g = new GraphBuilder();
  const x = g.input('x', 'float', ['n', 4]);
  const w = g.constant('float', [4, 1], [1, -2, 0.5, 3], 'w');
  g.op('MatMul', [x, w], {}, { out: 'y' });
  g.output('y', 'float', ['n', 1]);
  return g.encode('matmul', 'test');
}

const ort = loadOrt();
const sample = () => ({ x: new ort.Tensor('float32', Float32Array.from({ length: 400 }, (_, i) => (i % 7) - 3), [100, 4]) });

/** The real onnxruntime, with the WebGPU session's creation and run replaced as a test asks. */
function fakeOrt(webgpu: { bundled?: boolean; create?: () => Promise<never>; runMs?: number }, released: string[]): Ort {
  const realCreate = ort.InferenceSession.create.bind(ort.InferenceSession);
  const slowed = (s: Session, ms: number, name: string): Session => Object.assign(Object.create(s), {
    run: async (feeds: never) => {
      const t0 = performance.now();
      while (performance.now() - t0 < ms) { /* a slower device */ }
      return s.run(feeds);
    },
    release: async () => void released.push(name),
  });
  return {
    ...ort,
    listSupportedBackends: () => [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: webgpu.bundled ?? true }],
    InferenceSession: {
      create: async (bytes: Uint8Array, opts?: { executionProviders?: string[] }) => {
        const s = await realCreate(bytes);
        if (opts?.executionProviders?.includes('webgpu')) {
          if (webgpu.create) await webgpu.create();
          return slowed(s, webgpu.runMs ?? 0, 'webgpu');
        }
        return slowed(s, 2, 'cpu');
      },
    },
  } as unknown as Ort;
}

/** As on a machine with a Vulkan loader: the fakes decide what WebGPU does. */
const gpuPossible = () => null;

describe('batch inference provider', () => {
  it('on this machine: CPU, with the WebGPU provider tried first and why it was not used, and correct predictions', async () => {
    const { session, provider } = await batchSession(matMulModel(), sample());
    console.log(JSON.stringify(provider));
    expect(provider.tried.at(-1)).toEqual({ name: 'cpu', ok: true });
    if (provider.used === 'cpu') {
      expect(provider.tried[0]).toMatchObject({ name: 'webgpu', ok: false });
      expect(provider.tried[0].reason!.length).toBeGreaterThan(0);
    }
    const out = await session.run(sample());
    expect(Array.from(out.y.data as Float32Array).slice(0, 2)).toEqual([-3 * 1 + -2 * -2 + -1 * 0.5 + 0 * 3, 1 * 1 + 2 * -2 + 3 * 0.5 + -3 * 3]);
  });

  it('falls back to CPU when the WebGPU session cannot be made, saying why', async () => {
    const released: string[] = [];
    const { provider } = await batchSession(matMulModel(), sample(), fakeOrt({ create: async () => { throw new Error('no available backend found. ERR: [webgpu] no adapter'); } }, released), gpuPossible);
    expect(provider).toEqual({ used: 'cpu', tried: [{ name: 'webgpu', ok: false, reason: 'no available backend found. ERR: [webgpu] no adapter' }, { name: 'cpu', ok: true }] });
  });

  it('keeps CPU when WebGPU is slower on the first chunk, and releases the WebGPU session', async () => {
    const released: string[] = [];
    const { provider } = await batchSession(matMulModel(), sample(), fakeOrt({ runMs: 15 }, released), gpuPossible);
    expect(provider.used).toBe('cpu');
    expect(provider.tried[0].reason).toMatch(/^slower than the CPU on the first chunk \(\d+\.\d ms against \d+\.\d ms\)$/);
    expect(released).toEqual(['webgpu']);
  });

  it('uses WebGPU when it is faster, and releases the CPU session', async () => {
    const released: string[] = [];
    const { provider } = await batchSession(matMulModel(), sample(), fakeOrt({ runMs: 0 }, released), gpuPossible);
    expect(provider).toEqual({ used: 'webgpu', tried: [{ name: 'webgpu', ok: true }] });
    expect(released).toEqual(['cpu']);
  });

  it('says so when this onnxruntime build has no WebGPU provider', async () => {
    const { provider } = await batchSession(matMulModel(), sample(), fakeOrt({ bundled: false }, []), gpuPossible);
    expect(provider.tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'not in this onnxruntime-node build' });
  });

  it('does not start WebGPU where the machine has no Vulkan loader, saying so', async () => {
    const released: string[] = [];
    let created = 0;
    const ort = fakeOrt({ create: async () => { created++; throw new Error('unreachable'); } }, released);
    const { provider } = await batchSession(matMulModel(), sample(), ort, () => 'no Vulkan loader (libvulkan.so.1) on this machine, so no GPU adapter for WebGPU');
    expect(created).toBe(0);
    expect(provider.tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'no Vulkan loader (libvulkan.so.1) on this machine, so no GPU adapter for WebGPU' });
  });
});
