import { describe, expect, it } from 'vitest';
import { useJobs } from './store';
import type { JobDto } from '../../../shared/api/dto';

const job = (status: JobDto['status']): JobDto => ({
  id: 'j1', kind: 'system.machineCheck', title: 'check', status, progress: 0.3, message: null, etaMs: null,
  createdAt: '2026-01-01T00:00:00Z', startedAt: null, endedAt: null, result: null, error: null,
});

describe('jobs store', () => {
  it('keeps an end already seen when a late reply still says running', () => {
    useJobs.getState().upsert(job('cancelled'));
    useJobs.getState().upsert(job('running'));
    expect(useJobs.getState().jobs.j1.status).toBe('cancelled');
  });

  it('moves from running to an end', () => {
    useJobs.setState({ jobs: {} });
    useJobs.getState().upsert(job('running'));
    useJobs.getState().upsert(job('succeeded'));
    expect(useJobs.getState().jobs.j1.status).toBe('succeeded');
  });
});
