/** An ensemble's members as stored runs: their models, held-out rows, and whether those rows are shared. */
import type { Database } from 'better-sqlite3';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import { whyNotSameRows } from '../../../shared/api/compare-rows';
import type { RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { EnsembleJobArgs } from '../../../shared/api/jobs';
import { checkMembers, EnsembleError, type EnsembleMember } from '../../../models/ensemble/index';

export interface LoadedMember {
  member: EnsembleMember;
  run: RunDetailDto;
  preds: RunPredictionsDto;
  /** What refits it for stacking: its run's parameters and left-out columns. */
  refit: { params: Record<string, unknown>; exclude: string[] };
}

/** Engine refusals become the user's bad request; they already name the member. */
export function asBadRequest(err: unknown): never {
  if (err instanceof EnsembleError) throw new ApiError('bad_request', err.message, { field: 'members' });
  throw err;
}

/** Each member's run, model and held-out predictions; a member without them is named. */
export function loadMembers(db: Database, refs: EnsembleJobArgs['members']): LoadedMember[] {
  const repo = new RunsRepo(db);
  const loaded = refs.map(({ ref, runId }) => {
    const run = repo.get(runId, 0);
    const artifact = repo.artifact<EnsembleMember['artifact']>(run.id, 'model');
    const preds = repo.artifact<RunPredictionsDto>(run.id, 'predictions');
    if (!artifact || !preds) throw new ApiError('bad_request', `${ref} (run ${run.id.slice(0, 8)}) has no stored model and held-out predictions (status ${run.status})`, { field: 'members' });
    if (!run.datasetId) throw new ApiError('bad_request', `${ref}: the dataset of run ${run.id.slice(0, 8)} was deleted`, { field: 'members' });
    return { run, preds, artifact, ref };
  });
  let artifacts: EnsembleMember['artifact'][] = [];
  try {
    artifacts = checkMembers(loaded.map((m) => ({ ref: m.ref, artifact: m.artifact })));
  } catch (err) {
    asBadRequest(err);
  }
  return loaded.map((m, i) => {
    const args = repo.args(m.run.id);
    return {
      member: { ref: m.ref, runId: m.run.id, artifact: artifacts[i] },
      run: m.run, preds: m.preds,
      refit: { params: args.params as Record<string, unknown>, exclude: args.exclude },
    };
  });
}

/**
 * Why the members' held-out rows cannot fit weights or a meta-model, or null when they share them: the same
 * dataset, test dataset, split and seed (so the same rows), none scored by k-fold (no single held-out set).
 */
export function whyNotShared(members: LoadedMember[]): string | null {
  const [first] = members;
  for (const m of members) {
    if (m.run.split.kind === 'kfold') return `${m.member.ref} was scored by k-fold cross-validation, which leaves no single held-out set to fit on`;
  }
  for (const m of members.slice(1)) {
    const why = whyNotSameRows(first.run, m.run);
    if (why) return `${m.member.ref} and ${first.member.ref}: ${why}`;
    const a = first.preds.rows, b = m.preds.rows;
    if (a.length !== b.length || a.some((r, i) => r !== b[i])) return `${m.member.ref} was scored on other held-out rows than ${first.member.ref} (${b.length} vs ${a.length})`;
  }
  return null;
}
