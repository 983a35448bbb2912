import { useEffect } from 'react';
import { useDatasets } from './store';
import { useJobs } from '../jobs/store';
import { ColumnProfileCard } from './ColumnProfileCard';
import { CorrelationHeatmap } from './CorrelationHeatmap';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { formatPercent } from '../../components/format';
import { ProfileWarnings } from './ProfileWarnings';
import { warningColumns } from '../../../shared/profile-warnings';

/** Every column summarized, and how the numeric ones move together. */
export function ProfileView({ datasetId }: { datasetId: string }) {
  const profile = useDatasets((s) => (s.profileFor === datasetId ? s.profile : null));
  const jobId = useDatasets((s) => (s.profileFor === datasetId ? s.profileJobId : null));
  const error = useDatasets((s) => (s.profileFor === datasetId ? s.profileError : null));
  const loadProfile = useDatasets((s) => s.loadProfile);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const names = profile?.columns.map((c) => c.name) ?? [];

  useEffect(() => {
    const s = useDatasets.getState();
    // The cached profile is reused when coming back to the tab.
    if (s.profileFor !== datasetId || (!s.profile && !s.profileJobId)) void loadProfile(datasetId);
  }, [datasetId, loadProfile]);

  return (
    <div className="profile" data-testid="profile" aria-busy={!profile}>
      <ErrorBanner error={error} />
      {jobId && (
        <div className="profiling" role="status" data-testid="profiling">
          <span>{profile ? 'Updating the profile…' : 'Profiling…'}</span>
          {job && (
            <>
              <ProgressBar value={job.progress} label="Profiling" />
              <span className="muted">
                {formatPercent(job.progress)}
                {job.message ? ` · ${job.message}` : ''}
              </span>
            </>
          )}
        </div>
      )}
      {!profile && !jobId && !error && <p className="muted">Loading the profile…</p>}
      {profile && (
        <>
          {/* Warnings refer to columns by position. */}
          <p className="muted profile-meta">
            {profile.rows.toLocaleString()} rows · {profile.columns.length} columns · computed{' '}
            {new Date(profile.computedAt).toLocaleString()}
          </p>
          {profile.warnings && (
            <section className="profile-section" aria-label="Warnings">
              <h3>Warnings</h3>
              <ProfileWarnings warnings={profile.warnings} names={profile.columns.map((c) => c.name)} />
            </section>
          )}
          {profile.correlation.columns.length >= 2 && (
            <section className="profile-section" aria-label="Correlations">
              <h3>Correlations between numeric columns</h3>
              <CorrelationHeatmap columns={profile.correlation.columns} matrix={profile.correlation.matrix} />
            </section>
          )}
          <section className="profile-section" aria-label="Columns">
            <h3>Columns</h3>
            <div className="profile-grid">
              {profile.columns.map((c, i) => (
                <ColumnProfileCard
                  key={`${i}-${c.name}`}
                  column={c}
                  rows={profile.rows}
                  warnings={profile.warnings?.filter((w) => warningColumns(w).includes(i))}
                  names={names}
                />
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
