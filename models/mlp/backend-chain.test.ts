import { describe, expect, it } from 'vitest';
import { probeChain, selectBackend, backendReport, noteTrainingDevice, type Candidate } from './backend';

const failing = (name: Candidate['name'], reason: string): Candidate => ({ name, backend: `missing-${name}`, load: async () => { throw new Error(reason); } });

describe('backend chain', () => {
  it('tries candidates in order, records each refusal, and stops at the first that works', async () => {
    const { chosen, tried } = await probeChain([
      failing('tensorflow-gpu', 'libcudart.so.11.0: cannot open shared object file'),
      failing('tensorflow', "Cannot find module '@tensorflow/tfjs-node'"),
      failing('webgpu', 'Dawn found no GPU adapter'),
      { name: 'cpu', backend: 'cpu' },
      { name: 'wasm', backend: 'wasm' },
    ]);
    expect(chosen?.name).toBe('cpu');
    expect(tried).toEqual([
      { name: 'tensorflow-gpu', ok: false, reason: 'libcudart.so.11.0: cannot open shared object file' },
      { name: 'tensorflow', ok: false, reason: '@tensorflow/tfjs-node is not installed (an optional package)' },
      { name: 'webgpu', ok: false, reason: 'Dawn found no GPU adapter' },
      { name: 'cpu', ok: true },
    ]);
  });

  it('refuses a backend that loads but never registers, and one whose first sum is wrong', async () => {
    const { chosen, tried } = await probeChain([
      { name: 'webgpu', backend: 'not-registered', load: async () => {} },
      { name: 'cpu', backend: 'cpu' },
    ]);
    expect(chosen?.name).toBe('cpu');
    expect(tried[0]).toEqual({ name: 'webgpu', ok: false, reason: 'the not-registered backend did not register' });
  });

  it('reports nothing chosen when every candidate fails, with every reason', async () => {
    const { chosen, tried } = await probeChain([failing('wasm', 'no .wasm file'), failing('cpu', 'broken')]);
    expect(chosen).toBeNull();
    expect(tried.map((t) => t.reason)).toEqual(['no .wasm file', 'broken']);
  });

  it('in this process: the real chain ends at a working backend after naming why each earlier one was refused', async () => {
    const name = await selectBackend();
    const report = backendReport()!;
    expect(report.backend).toBe(name);
    expect(report.tried.at(-1)).toEqual({ name, ok: true });
    expect(report.tried.slice(0, -1).every((t) => !t.ok && typeof t.reason === 'string' && t.reason.length > 0)).toBe(true);
    expect(report.tried.map((t) => t.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'].slice(0, report.tried.length));
    console.log(JSON.stringify(report.tried));
    noteTrainingDevice('wasm-kernel');
    expect(backendReport()).toMatchObject({ backend: name, trainedOn: 'wasm-kernel' });
  });
});
