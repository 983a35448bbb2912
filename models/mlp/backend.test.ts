import { describe, it, expect } from 'vitest';
import { selectBackend, tf } from './backend';

describe('selectBackend', () => {
  it('falls back to an available backend and reports it', async () => {
    const name = await selectBackend();
    expect(['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu']).toContain(name);
    console.log(`tfjs backend: ${name}`);
    expect(tf.getBackend()).toBe(name === 'tensorflow-gpu' ? 'tensorflow' : name);
  }, 30_000);

  it('can be restricted to cpu, and the default choice is restored afterwards', async () => {
    const preferred = await selectBackend();
    expect(await selectBackend(['cpu'])).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend()).toBe(preferred);
    expect(tf.getBackend()).toBe(preferred === 'tensorflow-gpu' ? 'tensorflow' : preferred);
  });
});
