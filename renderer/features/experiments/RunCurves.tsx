import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { isActive, useJobs } from '../jobs/store';
import { EChart } from '../../charts/EChart';
import { curveOption, mergeCurves } from './curves';
import { useThrottled } from './useThrottled';

/** Chart updates while training: a few a second is smooth, and leaves the CPU to the trainer. */
const LIVE_MS = 250;

/** Train and validation curves: live from the job while it runs, from the host once saved. */
export function RunCurves({ run }: { run: RunDetailDto }) {
  const job = useJobs((s) => (run.jobId ? s.jobs[run.jobId] : undefined));
  const live = useThrottled(
    useJobs((s) => (run.jobId ? s.points[run.jobId] : undefined)),
    LIVE_MS,
  );
  const running = run.status === 'running' || (job !== undefined && isActive(job));
  const curves = useMemo(() => mergeCurves(run.curves, live), [run.curves, live]);
  const option = useMemo(() => curveOption(run, curves, running), [run, curves, running]);
  const oneStep = !running && Object.keys(curves).length === 0 && run.status === 'succeeded';

  return (
    <section className="run-curves" aria-label="Learning curves">
      <h3 className="run-section-title">
        Learning curves {running && <span className="live-dot" aria-label="live" />}
      </h3>
      {oneStep ? (
        <p className="muted run-curves-none" data-testid="run-curves">
          {run.family === 'linear' && run.task === 'regression'
            ? 'This model is fitted in one step (closed form), so it has no learning curve.'
            : 'No learning curve was recorded for this run.'}
        </p>
      ) : (
        <EChart option={option} height={240} notMerge testId="run-curves" />
      )}
    </section>
  );
}
