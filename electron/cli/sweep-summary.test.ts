import { describe, expect, it } from 'vitest';
import type { SweepDto } from '../../shared/api/methods/sweeps';
import { sweepSummary } from './commands/sweep';

const trial = (runId: string, p: Partial<SweepDto['results'][number]>): SweepDto['results'][number] => ({
  runId, params: { maxDepth: 3 }, status: 'succeeded', value: 1, stoppedEarly: false, lastCurve: null, ...p,
});

describe('sweepSummary', () => {
  it('prints where a stopped trial got to, and an earlier run that did better', () => {
    const sweep: SweepDto = {
      id: 's1', datasetId: 'd', status: 'succeeded', method: 'grid', metric: 'rmse', lowerIsBetter: true, trials: 2, space: ['maxDepth=1|3'],
      results: [trial('aaaaaaaa1', { value: 2.5 }), trial('bbbbbbbb2', { status: 'cancelled', value: null, stoppedEarly: true, lastCurve: { step: 41, value: 3.25 } })],
      bestRunId: 'aaaaaaaa1', earlierBetter: { runId: 'cccccccc3', value: 1.5 }, createdAt: '', endedAt: null,
    };
    const lines = sweepSummary(sweep).split('\n');
    expect(lines[2]).toContain('(stopped early at iteration 41, validation 3.2500)');
    expect(lines[lines.length - 1]).toBe('note: earlier run cccccccc did better (rmse 1.5000)');
  });
});
