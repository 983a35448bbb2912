/** For resume tests: a run's job cancelled once its checkpoint has reached an epoch, as a user's Cancel would. */
import { expect } from 'vitest';
import type { coreFixture } from './core-fixture';

/** Cancels the job once the run has a checkpoint after epoch `epoch`; fails, saying so, if the run ends first. Returns the checkpoint's epoch. */
export async function cancelAfterEpoch(fx: ReturnType<typeof coreFixture>, runId: string, jobId: string, epoch: number): Promise<number> {
  let ended: string | null = null;
  void fx.core.ctx.jobs.wait(jobId).then((j) => (ended = j.status), () => (ended = 'failed'));
  await new Promise<void>((resolve, reject) => {
    const poll = () => {
      if ((fx.core.ctx.repos.runs.checkpointEpoch(runId) ?? 0) >= epoch) return resolve();
      if (ended) return reject(new Error(`the run ended (${ended}) before its checkpoint after epoch ${epoch}`));
      setTimeout(poll, 5);
    };
    poll();
  });
  fx.core.ctx.jobs.cancel(jobId);
  await fx.core.ctx.jobs.wait(jobId).catch(() => undefined);
  expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).status).toBe('cancelled');
  return fx.core.ctx.repos.runs.checkpointEpoch(runId)!;
}
