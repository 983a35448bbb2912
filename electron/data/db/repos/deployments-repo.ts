import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../../shared/api/errors';
import type { DeploymentComparisonDto, DeploymentDetailDto, DeploymentStepDto, DeploymentSummaryDto, DeploymentWindowDto } from '../../../../shared/api/methods/deployments';

interface DeploymentRow {
  id: string;
  name: string;
  model_name: string | null;
  policy: DeploymentSummaryDto['policy'];
  settings_json: string;
  source: string;
  fingerprint: string;
  started_at: string | null;
  ended_at: string | null;
  requests: number;
  outcome: string;
  versions_json: string;
  imported_at: string;
}

/** Everything stored for one deployment; steps carry the alias history row a rollback or promotion wrote. */
export interface DeploymentRecord {
  name: string;
  modelName: string | null;
  policy: DeploymentSummaryDto['policy'];
  /** Import settings the derived rows depend on (window width, margin, alias). */
  settings: Record<string, unknown>;
  source: string;
  fingerprint: string;
  startedAt: string | null;
  endedAt: string | null;
  requests: number;
  outcome: string;
  versions: string[];
  windows: DeploymentWindowDto[];
  steps: (Omit<DeploymentStepDto, 'aliasMove'> & { aliasHistoryId: number | null })[];
  comparisons: DeploymentComparisonDto[];
}

/** All SQL about imported deployments. */
export class DeploymentsRepo {
  constructor(private readonly db: Database) {}

  byName(name: string): (DeploymentRow & { settings: Record<string, unknown> }) | null {
    const r = this.db.prepare('SELECT * FROM deployments WHERE name = ?').get(name) as DeploymentRow | undefined;
    return r ? { ...r, settings: JSON.parse(r.settings_json) } : null;
  }

  /** The alias history rows earlier imports of this deployment wrote, by decision time and action. */
  aliasMoves(deploymentId: string): Map<string, number> {
    const rows = this.db
      .prepare('SELECT at, action, alias_history_id AS h FROM deployment_steps WHERE deployment_id = ? AND alias_history_id IS NOT NULL')
      .all(deploymentId) as { at: string; action: string; h: number }[];
    return new Map(rows.map((r) => [`${r.at}|${r.action}`, r.h]));
  }

  /** Replaces a deployment's rows (same id when the name is known). Call inside the import's transaction. */
  save(rec: DeploymentRecord): string {
    const id = this.byName(rec.name)?.id ?? randomUUID();
    for (const t of ['deployment_windows', 'deployment_steps', 'deployment_comparisons']) this.db.prepare(`DELETE FROM ${t} WHERE deployment_id = ?`).run(id);
    this.db
      .prepare(
        `INSERT INTO deployments (id, name, model_name, policy, settings_json, source, fingerprint, started_at, ended_at, requests, outcome, versions_json, imported_at)
         VALUES (@id, @name, @model, @policy, @settings, @source, @fingerprint, @started, @ended, @requests, @outcome, @versions, @at)
         ON CONFLICT(id) DO UPDATE SET model_name = excluded.model_name, policy = excluded.policy, settings_json = excluded.settings_json, source = excluded.source,
           fingerprint = excluded.fingerprint, started_at = excluded.started_at, ended_at = excluded.ended_at, requests = excluded.requests,
           outcome = excluded.outcome, versions_json = excluded.versions_json, imported_at = excluded.imported_at`,
      )
      .run({
        id, name: rec.name, model: rec.modelName, policy: rec.policy, settings: JSON.stringify(rec.settings), source: rec.source, fingerprint: rec.fingerprint,
        started: rec.startedAt, ended: rec.endedAt, requests: rec.requests, outcome: rec.outcome, versions: JSON.stringify(rec.versions), at: new Date().toISOString(),
      });
    const w = this.db.prepare('INSERT INTO deployment_windows (deployment_id, window_start, window_end, version, requests, share, metrics_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const x of rec.windows) w.run(id, x.start, x.end, x.version, x.requests, x.share, JSON.stringify(x.metrics));
    const s = this.db.prepare('INSERT INTO deployment_steps (deployment_id, step, at, action, traffic_json, evidence_json, reason, alias_history_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const x of rec.steps) s.run(id, x.step, x.at, x.action, JSON.stringify(x.traffic), JSON.stringify({ canaryStep: x.canaryStep, ...x.evidence }), x.reason, x.aliasHistoryId);
    const c = this.db.prepare('INSERT INTO deployment_comparisons (deployment_id, metric, version_a, version_b, result_json) VALUES (?, ?, ?, ?, ?)');
    for (const x of rec.comparisons) c.run(id, x.metric, x.versionA, x.versionB, JSON.stringify(x));
    return id;
  }

  list(): DeploymentSummaryDto[] {
    return (this.db.prepare('SELECT * FROM deployments ORDER BY imported_at DESC, name').all() as DeploymentRow[]).map(summary);
  }

  /** By id, unique id prefix, or name. */
  resolve(ref: string): DeploymentRow {
    const exact = this.db.prepare('SELECT * FROM deployments WHERE id = ? OR name = ?').get(ref, ref) as DeploymentRow | undefined;
    if (exact) return exact;
    const byPrefix = this.db.prepare("SELECT * FROM deployments WHERE id LIKE ? || '%' LIMIT 2").all(ref.toLowerCase()) as DeploymentRow[];
    if (byPrefix.length === 1) return byPrefix[0];
    if (byPrefix.length > 1) throw new ApiError('bad_request', `Deployment id prefix '${ref}' is ambiguous`, { field: 'id' });
    throw new ApiError('not_found', `No deployment '${ref}'`, { field: 'id' });
  }

  summary(id: string): DeploymentSummaryDto {
    return summary(this.resolve(id));
  }

  detail(ref: string): DeploymentDetailDto {
    const row = this.resolve(ref);
    const windows = (
      this.db.prepare('SELECT * FROM deployment_windows WHERE deployment_id = ? ORDER BY window_start, rowid').all(row.id) as {
        window_start: string; window_end: string; version: string; requests: number; share: number; metrics_json: string;
      }[]
    ).map((w) => ({ start: w.window_start, end: w.window_end, version: w.version, requests: w.requests, share: w.share, metrics: JSON.parse(w.metrics_json) }));
    const timeline = (
      this.db
        .prepare(
          `SELECT s.*, h.alias AS h_alias, vf.version AS h_from, vt.version AS h_to FROM deployment_steps s
           LEFT JOIN alias_history h ON h.id = s.alias_history_id
           LEFT JOIN model_versions vf ON vf.id = h.from_version_id LEFT JOIN model_versions vt ON vt.id = h.to_version_id
           WHERE s.deployment_id = ? ORDER BY s.step`,
        )
        .all(row.id) as {
        step: number; at: string; action: DeploymentStepDto['action']; traffic_json: string; evidence_json: string; reason: string;
        h_alias: string | null; h_from: string | null; h_to: string | null;
      }[]
    ).map((s) => {
      const { canaryStep, ...evidence } = JSON.parse(s.evidence_json) as DeploymentStepDto['evidence'] & { canaryStep: number };
      return {
        step: s.step, canaryStep, at: s.at, action: s.action, traffic: JSON.parse(s.traffic_json), evidence, reason: s.reason,
        aliasMove: s.h_alias && s.h_to ? { alias: s.h_alias, from: s.h_from, to: s.h_to } : null,
      };
    });
    const comparisons = (this.db.prepare('SELECT result_json FROM deployment_comparisons WHERE deployment_id = ? ORDER BY rowid').all(row.id) as { result_json: string }[]).map(
      (c) => JSON.parse(c.result_json) as DeploymentComparisonDto,
    );
    const settings = JSON.parse(row.settings_json) as { windowS?: number };
    return { ...summary(row), windowS: settings.windowS ?? 0, windows, timeline, comparisons };
  }
}

function summary(r: DeploymentRow): DeploymentSummaryDto {
  return {
    id: r.id, name: r.name, modelName: r.model_name, policy: r.policy, versions: JSON.parse(r.versions_json), source: r.source,
    startedAt: r.started_at, endedAt: r.ended_at, requests: r.requests, outcome: r.outcome, importedAt: r.imported_at,
  };
}
