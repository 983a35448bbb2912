import { describe, expect, it } from 'vitest';
import { ModelCache } from './explorer-model';
import type { ExplorerModel } from './explorer-model';

const fake = (runId: string) => ({ runId }) as unknown as ExplorerModel;

describe('ModelCache', () => {
  it('keeps the most recently used models and releases the one it evicts', async () => {
    const loads: string[] = [];
    const released: string[] = [];
    const cache = new ModelCache(
      async (id) => {
        loads.push(id);
        return fake(id);
      },
      2,
      async (m) => {
        released.push(m.runId);
      },
    );
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now the most recent
    await cache.get('c'); // evicts b
    await new Promise((r) => setImmediate(r));
    expect(released).toEqual(['b']);
    await cache.get('a');
    expect(loads).toEqual(['a', 'b', 'c']);
    await cache.get('b'); // loaded again, evicting c
    await new Promise((r) => setImmediate(r));
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
    expect(released).toEqual(['b', 'c']);
  });

  it('forgets a model that failed to load, so the next request tries again', async () => {
    let fail = true;
    const cache = new ModelCache(async (id) => {
      if (fail) throw new Error('no model');
      return fake(id);
    }, 2);
    await expect(cache.get('a')).rejects.toThrow('no model');
    fail = false;
    await expect(cache.get('a')).resolves.toMatchObject({ runId: 'a' });
  });
});
