import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../../models/split/prng';
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
    const s = await fx.core.sweepEnded(sweepId);
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
    const s = await fx.core.sweepEnded(sweepId);
    const slow = s.results.find((r) => r.params.learningRate === 0.001)!;
    expect(slow.stoppedEarly).toBe(true);
    expect(slow.status).toBe('cancelled');
    expect(s.results.filter((r) => r.status === 'succeeded')).toHaveLength(3);
    // A trial stopped early has no final metric, but the last point its validation curve reached.
    expect(slow.value).toBeNull();
    const curve = (await fx.core.call('runs.get', { id: slow.runId, maxPoints: 0 })).curves.valid;
    expect(slow.lastCurve).toEqual(curve[curve.length - 1]);
    expect(slow.lastCurve!.step).toBeLessThan(299);
  });

  it("says when an earlier run on the same dataset and target beats the sweep's best", async () => {
    const { runId, jobId } = await fx.core.call('runs.start', { dataset: housing, target: 'median_house_value', family: 'gbdt', params: { trees: 120, maxDepth: 6 } });
    await fx.core.ctx.jobs.wait(jobId);
    const earlier = (await fx.core.call('runs.get', { id: runId })).metrics!.rmse;
    // Weak trials: few shallow trees.
    const weak = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_house_value', family: 'gbdt', method: 'grid', trials: 2, space: ['maxDepth=1|2'], params: { trees: 5 }, stopEarly: false,
    });
    const w = await fx.core.sweepEnded(weak.sweepId);
    const best = w.results.find((t) => t.runId === w.bestRunId)!.value!;
    expect(best).toBeGreaterThan(earlier);
    expect(w.earlierBetter?.value).toBeLessThanOrEqual(earlier);
    expect(w.earlierBetter!.value).toBeLessThan(best);
    // A run on another target is never the yardstick; the other sweep's better best is not "earlier" for itself.
    const strong = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_income', family: 'gbdt', method: 'grid', trials: 1, space: ['maxDepth=3|4'], params: { trees: 5 }, stopEarly: false,
    });
    expect((await fx.core.sweepEnded(strong.sweepId)).earlierBetter).toBeNull();
  }, 120_000);

  it('tpe proposes points inside the space and can be cancelled', async () => {
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: housing, target: 'median_house_value', family: 'gbdt', method: 'tpe', trials: 50, parallel: 1,
      space: ['maxDepth=2..6', 'learningRate=0.01..0.3:log'], params: { trees: 30 },
    });
    // Cancel once the first trial has finished: the sweep is then mid-way, whatever the machine's speed.
    await new Promise<void>((resolve) => {
      const off = fx.core.subscribe((event, p) => {
        if (event !== 'sweeps.changed' || !('sweepId' in p) || p.sweepId !== sweepId) return;
        void fx.core.call('sweeps.get', { id: sweepId }).then((s) => {
          if (s.results.some((r) => r.status === 'succeeded')) {
            off();
            resolve();
          }
        });
      });
    });
    await fx.core.call('sweeps.cancel', { id: sweepId });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.status).toBe('cancelled');
    expect(s.results.length).toBeLessThan(50);
    expect(s.results.length).toBeGreaterThan(0);
    for (const r of s.results) {
      expect(Number.isInteger(r.params.maxDepth)).toBe(true);
      expect(r.params.learningRate as number).toBeGreaterThanOrEqual(0.01);
      expect(r.params.learningRate as number).toBeLessThanOrEqual(0.3);
    }
  });

  it('on a 0/1 integer target without a task: trials are binary, the objective is log loss, and the best is found', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lathe-sweep-'));
    const file = path.join(dir, 'churn.csv');
    const rand = mulberry32(3);
    const rows = Array.from({ length: 600 }, () => {
      const a = rand();
      const b = rand();
      return `${a.toFixed(4)},${b.toFixed(4)},${a + 0.5 * b + 0.3 * rand() > 0.9 ? 1 : 0}`;
    });
    fs.writeFileSync(file, `a,b,churned\n${rows.join('\n')}\n`);
    const ds = (await importFile(fx.core, { path: file })).id;
    fs.rmSync(dir, { recursive: true, force: true });
    const { sweepId } = await fx.core.call('sweeps.start', {
      dataset: ds, target: 'churned', family: 'gbdt', method: 'random', trials: 3, parallel: 1, stopEarly: false,
      space: ['maxDepth=2..5'], params: { trees: 20 },
    });
    const s = await fx.core.sweepEnded(sweepId);
    expect(s.metric).toBe('logloss');
    expect(s.results.filter((r) => r.status === 'succeeded')).toHaveLength(3);
    expect(s.bestRunId).not.toBeNull();
    const best = await fx.core.call('runs.get', { id: s.bestRunId! });
    expect(best.task).toBe('binary');
    expect(best.metrics?.logloss).toBe(Math.min(...s.results.map((r) => r.value!)));
  });

  it('refuses parameters the family does not have, and ranges outside its limits', async () => {
    await expect(fx.core.call('sweeps.start', { dataset: housing, target: 'median_house_value', space: ['depth=2..6'] })).rejects.toThrow(/gbdt has no parameter 'depth'/);
    await expect(fx.core.call('sweeps.start', { dataset: housing, target: 'median_house_value', space: ['subsample=0.5..2'] })).rejects.toThrow(/subsample must be in \(0, 1\]/);
    await expect(fx.core.call('sweeps.start', { dataset: housing, target: 'median_house_value', space: ['maxDepth=3..6'], metric: 'auc' })).rejects.toThrow(/does not apply to a regression/);
  });

  it('refuses a malformed space, naming it', async () => {
    await expect(fx.core.call('sweeps.start', { dataset: housing, target: 'median_house_value', space: ['maxDepth=8..3'] })).rejects.toThrow(/Invalid search space 'maxDepth=8..3'/);
  });
});
