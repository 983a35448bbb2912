import path from 'node:path';
import type { HostContext } from '../handlers/types';
import type { DeploymentImportArgs, DeploymentImportDto } from '../../../shared/api/methods/deployments';
import { DeploymentsRepo, type DeploymentRecord } from '../../data/db/repos/deployments-repo';
import { readServingLogs } from './read-logs';
import { aggregateLogs, type DeploymentFacts } from './aggregate';

/**
 * The server's rollbacks and promotions as registry alias moves: a rollback moves the alias from the
 * candidate back to the stable version, a promotion from stable to candidate, at the decision's time.
 * A move an earlier import of this deployment wrote is kept, never written twice; an alias pointed
 * elsewhere since keeps where it points (registry-repo recordMove).
 */
function aliasMoves(ctx: HostContext, facts: DeploymentFacts, model: string | null, alias: string, name: string, earlier: Map<string, number>): { ids: (number | null)[]; written: number } {
  let written = 0;
  const ids = facts.timeline.map((s) => {
    if (s.action !== 'rollback' && s.action !== 'promote') return null;
    const known = earlier.get(`${s.at}|${s.action}`);
    if (known !== undefined) return known;
    if (!model) return null;
    const [stable, candidate] = [facts.versions[0], facts.versions[1]];
    const stableId = stable ? ctx.repos.registry.findVersionId(model, stable) : null;
    const candidateId = candidate ? ctx.repos.registry.findVersionId(model, candidate) : null;
    if (!stableId || !candidateId) return null;
    written++;
    const note = `serve-model ${s.action === 'rollback' ? 'rolled back' : 'promoted'} the canary of deployment '${name}': ${s.reason}`;
    const move = s.action === 'rollback'
      ? ctx.repos.registry.recordMove(model, alias, candidateId, stableId, 'rollback', note, s.at)
      : ctx.repos.registry.recordMove(model, alias, stableId, candidateId, 'set', note, s.at);
    return move.id;
  });
  return { ids, written };
}

/**
 * Imports a serve-model log folder. Everything is read, checked and computed before the one write
 * transaction; the same logs imported again (same fingerprint and settings) write nothing.
 */
export function importDeployment(ctx: HostContext, args: DeploymentImportArgs): DeploymentImportDto {
  const dir = path.resolve(args.dir);
  const logs = readServingLogs(dir);
  const name = args.name ?? path.basename(dir);
  const repo = new DeploymentsRepo(ctx.db);
  const settings = { windowS: args.windowS ?? null, margin: args.margin, alias: args.alias, model: args.model ?? null };
  const before = repo.byName(name);
  const same = before && before.fingerprint === logs.fingerprint && JSON.stringify(before.settings.request) === JSON.stringify(settings);
  if (same) return { deployment: repo.summary(before.id), unchanged: true, files: logs.files, lines: logs.lines, aliasMoves: 0 };

  const facts = aggregateLogs(logs, { windowS: args.windowS, margin: args.margin });
  let written = 0;
  const id = ctx.db
    .transaction(() => {
      const moves = aliasMoves(ctx, facts, args.model ?? null, args.alias, name, before ? repo.aliasMoves(before.id) : new Map());
      written = moves.written;
      const rec: DeploymentRecord = {
        name, modelName: args.model ?? null, policy: facts.policy, settings: { request: settings, windowS: facts.windowS }, source: dir,
        fingerprint: logs.fingerprint, startedAt: facts.startedAt, endedAt: facts.endedAt, requests: facts.requests, outcome: facts.outcome,
        versions: facts.versions, windows: facts.windows, comparisons: facts.comparisons,
        steps: facts.timeline.map((s, i) => ({ ...s, aliasHistoryId: moves.ids[i] })),
      };
      return repo.save(rec);
    })
    .immediate();
  ctx.events.emit('deployments.changed', { id });
  if (written > 0 && args.model) ctx.events.emit('models.changed', { name: args.model });
  return { deployment: repo.summary(id), unchanged: false, files: logs.files, lines: logs.lines, aliasMoves: written };
}
