import type { Database } from 'better-sqlite3';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { ModelArtifact } from '../../../models/train/types';

/** A finished run's model artifact and its held-out predictions, or a clear refusal. */
export function loadRunModel(db: Database, runId: string): { run: RunDetailDto; artifact: ModelArtifact; preds: RunPredictionsDto } {
  const repo = new RunsRepo(db);
  const run = repo.get(runId);
  const artifact = repo.artifact<ModelArtifact>(run.id, 'model');
  const preds = repo.artifact<RunPredictionsDto>(run.id, 'predictions');
  if (!artifact || !preds) throw new ApiError('bad_request', `Run ${run.id.slice(0, 8)} has no model to export (status ${run.status})`, { field: 'model' });
  return { run, artifact, preds };
}
