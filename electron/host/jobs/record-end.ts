import type { JobDto } from '../../../shared/api/dto';
import type { ApiErrorBody } from '../../../shared/api/errors';
import type { JobsRepo } from '../../data/db/repos/jobs-repo';
import { isBusy } from '../../data/db/busy';
import type { Logger } from '../../data/log';

export type EndStatus = 'succeeded' | 'failed' | 'cancelled';

/**
 * Writes a job's end. A busy database is waited for again in the background (the caller's event
 * and live answer go out now, from the returned record); a lock never leaves the row saying 'running'.
 */
export function recordEnd(
  repo: JobsRepo, log: Logger, job: JobDto, kind: string, status: EndStatus, result: unknown, error: ApiErrorBody | undefined,
): JobDto {
  const write = () => repo.finish(job.id, status, { result, error });
  const ended = (): JobDto => ({ ...job, status, result: result ?? null, error: error ?? null, endedAt: new Date().toISOString() });
  try {
    return write();
  } catch (err) {
    if (!isBusy(err)) {
      log.error('could not record the end of a job', { jobId: job.id, kind, err });
      return ended();
    }
    log.warn('database busy while recording the end of a job; retrying', { jobId: job.id, kind });
    const retry = (attempt: number) => {
      try {
        write();
      } catch (e) {
        if (isBusy(e) && attempt < 20) setTimeout(() => retry(attempt + 1), 1000);
        else log.error('gave up recording the end of a job', { jobId: job.id, kind, err: e });
      }
    };
    setTimeout(() => retry(1), 1000);
    return ended();
  }
}
