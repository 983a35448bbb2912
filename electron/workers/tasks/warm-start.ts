import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { FAMILY_WARM_START } from '../../../shared/families/warm-start';
import { isFamily } from '../../../shared/families/index';
import type { ModelArtifact } from '../../../models/train/index';
import { RunsRepo } from '../../data/db/repos/runs-repo';

/** The model a run continues from (`warmStartFrom`, resolved by the host) and the note the run page shows. */
export function loadWarmStart(db: Database, fromRunId: string | undefined, family: string): { artifact: ModelArtifact; note: string } | null {
  if (!fromRunId) return null;
  const artifact = new RunsRepo(db).artifact<ModelArtifact>(fromRunId, 'model');
  // Deleted between the host's check and now.
  if (!artifact) throw new ApiError('bad_request', `Run ${fromRunId.slice(0, 8)} has no model to continue from`, { field: 'warmStartFrom' });
  const rule = isFamily(family) ? FAMILY_WARM_START[family] : null;
  const note = `Continued from run ${fromRunId.slice(0, 8)}: ${family} ${rule?.how ?? 'refits'}.`;
  return { artifact, note };
}
