import { afterAll, describe, expect, it } from 'vitest';
import { api, launch, openApp, serve, shot } from './harness';
import { tempHome } from '../helpers/temp-home';

const home = tempHome('lathe-e2e-kill-');
afterAll(() => home.cleanup());

describe('a crash during a job', () => {
  it('leaves an honest record: the job is interrupted after a restart', async () => {
    const first = await serve(home.dir);
    const { body } = await api(first, 'system.machineCheck', { seconds: 120 });
    const jobId = body.data.jobId as string;
    // Wait until the worker really runs.
    for (;;) {
      const job = (await api(first, 'jobs.get', { id: jobId })).body.data;
      if (job.status === 'running' && job.progress > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.proc.kill('SIGKILL');
    await first.stop();

    const second = await serve(home.dir);
    try {
      const job = (await api(second, 'jobs.get', { id: jobId })).body.data;
      expect(job.status).toBe('interrupted');
      expect(job.endedAt).not.toBeNull();
      const browser = await launch();
      const page = await openApp(browser, second.url);
      await page.waitForSelector(`[data-testid="job-${jobId}"][data-status="interrupted"]`);
      await shot(page, 'job-interrupted');
      await browser.close();
    } finally {
      await second.stop();
    }
  });
});
