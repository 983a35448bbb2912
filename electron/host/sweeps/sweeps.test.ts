import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { samplesDir } from '../datasets/samples';

let fx: ReturnType<typeof coreFixture>;
let housing: string;

beforeAll(async () => {
  fx = coreFixture();
  housing = (await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv') })).id;
});
afterAll(() => fx.close());

describe('sweeps', () => {
  it('grid: every point is a run, and the best is marked', async () => {
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_house_value', family: 'gbdt', method: 'grid', trials: 4,
      space: ['maxDepth=2|6', 'learningRate=0.05|0.2'], params: { trees: 40 }, stopEarly: false,
    });
    const s = await fx.core.ctx.sweeps.wait(sweepId);
    expect(s.status).toBe('succeeded');
    expect(s.results).toHaveLength(4);
    expect(new Set(s.results.map((r) => `${r.params.maxDepth}/${r.params.learningRate}`))).toEqual(new Set(['2/0.05', '2/0.2', '6/0.05', '6/0.2']));
    const best = s.results.reduce((a, b) => (b.value! < a.value! ? b : a));
    expect(s.bestRunId).toBe(best.runId);
    expect(best.params).toMatchObject({ maxDepth: 6, learningRate: 0.2 });
  });

  it('stops a trial early when its validation curve falls behind the median', async () => {
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_house_value', family: 'gbdt', method: 'grid', trials: 4, parallel: 1,
      space: ['learningRate=0.3|0.25|0.2|0.001'], params: { trees: 300, maxDepth: 4 },
    });
    const s = await fx.core.ctx.sweeps.wait(sweepId);
    const slow = s.results.find((r) => r.params.learningRate === 0.001)!;
    expect(slow.stoppedEarly).toBe(true);
    expect(slow.status).toBe('cancelled');
    expect(s.results.filter((r) => r.status === 'succeeded')).toHaveLength(3);
  });

  it('tpe proposes points inside the space and can be cancelled', async () => {
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_house_value', family: 'gbdt', method: 'tpe', trials: 50, parallel: 1,
      space: ['maxDepth=2..6', 'learningRate=0.01..0.3:log'], params: { trees: 30 },
    });
    await new Promise((r) => setTimeout(r, 1500));
    await fx.core.call('sweeps.cancel', { id: sweepId });
    const s = await fx.core.ctx.sweeps.wait(sweepId);
    expect(s.status).toBe('cancelled');
    expect(s.results.length).toBeLessThan(50);
    for (const r of s.results) {
      expect(Number.isInteger(r.params.maxDepth)).toBe(true);
      expect(r.params.learningRate as number).toBeGreaterThanOrEqual(0.01);
      expect(r.params.learningRate as number).toBeLessThanOrEqual(0.3);
    }
  });

  it('refuses a malformed space, naming it', async () => {
    await expect(fx.core.call('sweeps.start', { dataset: housing, target: 'median_house_value', space: ['maxDepth=8..3'] })).rejects.toThrow(/Invalid search space 'maxDepth=8..3'/);
  });
});
