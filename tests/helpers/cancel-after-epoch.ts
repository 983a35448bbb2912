/** For resume tests: a run's job cancelled once its checkpoint has reached a point, as a user's Cancel would. */
import { expect } from 'vitest';
import type { coreFixture } from './core-fixture';

type Fixture = ReturnType<typeof coreFixture>;

/** Cancels the job once `reached()` holds; fails, naming `what`, if the run ends first. */
export async function cancelWhen(fx: Fixture, runId: string, jobId: string, reached: () => boolean, what: string): Promise<void> {
  let ended: string | null = null;
  void fx.core.ctx.jobs.wait(jobId).then((j) => (ended = j.status), () => (ended = 'failed'));
  await new Promise<void>((resolve, reject) => {
    const poll = () => {
      if (reached()) return resolve();
      if (ended) return reject(new Error(`the run ended (${ended}) before ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
  fx.core.ctx.jobs.cancel(jobId);
  await fx.core.ctx.jobs.wait(jobId).catch(() => undefined);
  expect((await fx.core.call('runs.get', { id: runId, maxPoints: 0 })).status).toBe('cancelled');
}

/** Cancels the job once the run has a checkpoint after epoch `epoch`; fails, saying so, if the run ends first. Returns the checkpoint's epoch. */
export async function cancelAfterEpoch(fx: Fixture, runId: string, jobId: string, epoch: number): Promise<number> {
  await cancelWhen(fx, runId, jobId, () => (fx.core.ctx.repos.runs.checkpointEpoch(runId) ?? 0) >= epoch, `its checkpoint after epoch ${epoch}`);
  return fx.core.ctx.repos.runs.checkpointEpoch(runId)!;
}
