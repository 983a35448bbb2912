import { useEffect } from 'react';
import { FormField } from '../experiments/FormField';
import { JobProgress } from '../jobs/JobProgress';
import { isActive, useJobs } from '../jobs/store';
import { useMonitor } from './store';

/** Reference (a dataset or a registered version's training rows) and current dataset, and the check's progress. */
export function DriftPicker() {
  const s = useMonitor();
  const job = useJobs((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  // A quick job may end before its id reaches us: its end is read from the job store either way.
  useEffect(() => {
    if (job && !isActive(job)) useMonitor.getState().jobSettled(job);
  }, [job]);
  const can = Boolean(s.reference && s.current && s.reference !== s.current) && !s.jobId;
  return (
    <form
      className="monitor-picker"
      data-testid="drift-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (can) void s.run();
      }}
    >
      <FormField label="Reference" name="reference" hint="what is normal">
        <select value={s.reference} onChange={(e) => s.patch({ reference: e.target.value })} data-testid="drift-reference">
          <optgroup label="Datasets">
            {s.datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.rows.toLocaleString()} rows)
              </option>
            ))}
          </optgroup>
          {s.models.length > 0 && (
            <optgroup label="Model versions (their training rows)">
              {s.models.map((m) => (
                <option key={m.ref} value={m.ref}>
                  {m.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </FormField>
      <FormField label="Current" name="current" hint="the data to check">
        <select value={s.current} onChange={(e) => s.patch({ current: e.target.value })} data-testid="drift-current">
          {s.datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.rows.toLocaleString()} rows)
            </option>
          ))}
        </select>
      </FormField>
      <div className="monitor-run">
        <button type="submit" disabled={!can} data-testid="drift-run">
          Check drift
        </button>
        {s.reference && s.reference === s.current && <span className="muted">Pick two different datasets.</span>}
      </div>
      {s.jobId && <JobProgress job={job} label="Drift check progress" testId="drift-progress" />}
    </form>
  );
}
