import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { useDatasets } from './store';

/**
 * While a large table's sorted column gets its index (a job; the table shows the file order
 * meanwhile): what is happening, and an estimate of how far along, from the time the row count
 * predicts — SQLite reports no progress from inside an index build.
 */
export function IndexBuildNotice() {
  const building = useDatasets((s) => s.building);
  const [since, setSince] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!building) return;
    setSince(Date.now());
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [building]);
  if (!building) return null;
  const seconds = Math.max(1, Math.round(building.expectedMs / 1000));
  // Held short of the end: the estimate is only the row count's.
  const fraction = Math.min(0.95, (now - since) / Math.max(1, building.expectedMs));
  return (
    <div className="upload-status dt-building" role="status" data-testid="index-building">
      <span>
        Building an index on {building.column} to sort {building.rows.toLocaleString('en-US')} rows… (about {seconds} s; rows in file order meanwhile)
      </span>
      <ProgressBar value={fraction} label={`Building an index on ${building.column}`} />
      <button type="button" className="secondary small" onClick={() => void api.invoke('jobs.cancel', { id: building.jobId })}>
        Cancel
      </button>
    </div>
  );
}
