import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { EnsembleArgs, EnsembleOutcomeDto } from '../../../shared/api/methods/ensemble';
import type { HostContext } from '../handlers/types';
import { resolveModelRef } from '../handlers/export';
import { registerRun } from '../registry/registry-service';
import { APP_VERSION } from '../version';
import { runLifecycle } from './run-service';

/** Each member's reference → its run; a reference that resolves to nothing, or a run listed twice, is named. */
function resolveMembers(ctx: HostContext, refs: string[]): { ref: string; runId: string }[] {
  const seen = new Map<string, string>();
  return refs.map((given) => {
    let resolved;
    try {
      resolved = resolveModelRef(ctx, given);
    } catch (err) {
      if (err instanceof ApiError) throw new ApiError(err.code, `Member ${given}: ${err.message}`, { field: 'members' });
      throw err;
    }
    const ref = resolved.version ? `${given.slice(0, given.lastIndexOf('@'))}@${resolved.version}` : given;
    const twice = seen.get(resolved.runId);
    if (twice) throw new ApiError('bad_request', `Member ${given} is the same run as ${twice}`, { field: 'members' });
    seen.set(resolved.runId, given);
    return { ref, runId: resolved.runId };
  });
}

/**
 * Records an ensemble of registered models as a run (family 'ensemble', its first member's data and split),
 * builds it in a worker ('models.ensemble') and registers it as the next version of `name` once it succeeded.
 */
export function startEnsemble(ctx: HostContext, args: EnsembleArgs): { runId: string; jobId: string } {
  const members = resolveMembers(ctx, args.members);
  const first = ctx.repos.runs.get(members[0].runId, 0);
  const sqlite = (ctx.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const versions = { lathe: APP_VERSION, node: process.versions.node, sqlite, electron: process.versions.electron ?? '' };
  const runId = randomUUID();
  ctx.repos.runs.createEnsemble({ id: runId, from: first, members: members.map((m) => m.ref), method: args.method, versions });
  const life = runLifecycle(ctx, runId, {});
  const t0 = performance.now();
  return life.attach(() =>
    ctx.jobs.start('models.ensemble', `Ensemble ${args.name} (${args.method} of ${members.map((m) => m.ref).join(', ')})`, { runId, method: args.method, members }, {
      onSucceeded: (r): EnsembleOutcomeDto => {
        ctx.repos.runs.completeEnsemble(runId, r, r.report.ensemble.weights);
        life.changedAndEnded();
        const description = args.description || `${args.method} of ${members.map((m) => m.ref).join(', ')}`;
        const v = registerRun(ctx, runId, args.name, description);
        const e = r.report.ensemble;
        return { runId, name: args.name, version: v.version, method: e.method, weights: e.weights, metrics: r.metrics, members: e.members, durationMs: Math.round(performance.now() - t0) };
      },
      onFinished: life.onFinished,
    }),
  );
}
