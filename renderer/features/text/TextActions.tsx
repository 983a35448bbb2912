import { useEffect } from 'react';
import { JobProgress } from '../jobs/JobProgress';
import { isActive, useJobs } from '../jobs/store';
import { useText } from './store';
import { openDataset } from './open-dataset';

/** Score sentiment and Find entities, their progress while they run, and where the scores went. */
export function TextActions() {
  const s = useText();
  const sentimentJob = useJobs((j) => (s.sentimentJobId ? j.jobs[s.sentimentJobId] : undefined));
  const entitiesJob = useJobs((j) => (s.entitiesJobId ? j.jobs[s.entitiesJobId] : undefined));
  // A quick job may end before its id reaches us: its end is read from the job store either way.
  useEffect(() => {
    if (sentimentJob && !isActive(sentimentJob)) useText.getState().jobSettled(sentimentJob);
  }, [sentimentJob]);
  useEffect(() => {
    if (entitiesJob && !isActive(entitiesJob)) useText.getState().jobSettled(entitiesJob);
  }, [entitiesJob]);

  const can = Boolean(s.datasetId && s.text);
  const scored = s.lastSentiment?.dataset ?? s.results?.sentiment ?? null;
  return (
    <div className="text-actions">
      <div className="text-buttons">
        <button type="button" onClick={() => void s.scoreSentiment()} disabled={!can || Boolean(s.sentimentJobId)} data-testid="text-score">
          Score sentiment
        </button>
        <button type="button" className="secondary" onClick={() => void s.findEntities()} disabled={!can || Boolean(s.entitiesJobId)} data-testid="text-find-entities">
          Find entities
        </button>
        {scored && !s.sentimentJobId && (
          <span className="text-derived" data-testid="text-scored">
            {s.lastSentiment ? 'Scores written to ' : 'Scored before: '}
            <button type="button" className="link text-link" onClick={() => void openDataset(scored.id)} data-testid="text-scored-link">
              {scored.name}
            </button>
            <span className="muted"> · {scored.rows.toLocaleString()} rows, the original columns + sentiment_score, sentiment_label</span>
          </span>
        )}
      </div>
      {s.sentimentJobId && <JobProgress job={sentimentJob} label="Scoring progress" testId="text-score-progress" />}
      {s.entitiesJobId && <JobProgress job={entitiesJob} label="Entity search progress" testId="text-entities-progress" />}
    </div>
  );
}
