import { describe, expect, it } from 'vitest';
import type { JobDto } from '../../../shared/api/dto';
import { traySummary } from './summary';

const job = (over: Partial<JobDto>): JobDto => ({
  id: 'j1',
  kind: 'runs.train',
  title: 'Train houses',
  status: 'running',
  progress: 0.42,
  etaMs: 65_000,
  message: null,
  error: null,
  createdAt: '2025-01-01T00:00:00Z',
  startedAt: null,
  endedAt: null,
  result: null,
  ...over,
});

describe('jobs tray summary line', () => {
  it('names the running job with its progress and time left, and counts the others', () => {
    const line = traySummary([job({}), job({ id: 'j2' })], []);
    expect(line).toMatch(/^2 jobs running · Train houses 42/);
    expect(line).toContain('left');
  });

  it('says how the newest job ended when nothing runs', () => {
    expect(traySummary([], [job({ status: 'failed', title: 'Export m@1' })])).toBe('Jobs · last: Export m@1 failed');
    expect(traySummary([], [])).toBe('Jobs');
  });
});
