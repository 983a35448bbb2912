import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { rollbackTarget, type AliasMoveDto, type ModelDetailDto, type ModelVersionDto } from '../../../../shared/api/methods/registry';
import { ApiError } from '../../../../shared/api/errors';

interface VersionRow {
  id: string;
  model_name: string;
  version: string;
  run_id: string;
  description: string;
  created_at: string;
}

/** Orders semantic versions numerically (1.10.0 after 1.9.0). */
export function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

export function bumpSemver(v: string, part: 'major' | 'minor' | 'patch'): string {
  const [ma, mi, pa] = v.split('.').map(Number);
  return part === 'major' ? `${ma + 1}.0.0` : part === 'minor' ? `${ma}.${mi + 1}.0` : `${ma}.${mi}.${pa + 1}`;
}

/** All SQL about registered model versions, aliases and their audited history. */
export class RegistryRepo {
  constructor(private readonly db: Database) {}

  versions(name: string): VersionRow[] {
    return (this.db.prepare('SELECT * FROM model_versions WHERE model_name = ?').all(name) as VersionRow[]).sort((a, b) => compareSemver(b.version, a.version));
  }

  insert(name: string, version: string, runId: string, description: string): string {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO model_versions (id, model_name, version, run_id, description, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, version, runId, description, new Date().toISOString());
    return id;
  }

  versionId(name: string, version: string): string {
    const r = this.db.prepare('SELECT id FROM model_versions WHERE model_name = ? AND version = ?').get(name, version) as { id: string } | undefined;
    if (!r) throw new ApiError('not_found', `Model '${name}' has no version ${version}`, { field: 'version' });
    return r.id;
  }

  /** Resolves `NAME@VERSION` or `NAME@ALIAS` to a version row. */
  resolve(ref: string): VersionRow {
    const at = ref.lastIndexOf('@');
    if (at <= 0) throw new ApiError('bad_request', `Expected NAME@VERSION or NAME@ALIAS, got '${ref}'`, { field: 'model' });
    const name = ref.slice(0, at);
    const v = ref.slice(at + 1);
    const viaAlias = this.db
      .prepare('SELECT v.* FROM aliases a JOIN model_versions v ON v.id = a.version_id WHERE a.model_name = ? AND a.alias = ?')
      .get(name, v) as VersionRow | undefined;
    const row = viaAlias ?? (this.db.prepare('SELECT * FROM model_versions WHERE model_name = ? AND version = ?').get(name, v) as VersionRow | undefined);
    if (!row) throw new ApiError('not_found', `No model version '${ref}'`, { field: 'model' });
    return row;
  }

  alias(name: string, alias: string): string | null {
    const r = this.db.prepare('SELECT version_id FROM aliases WHERE model_name = ? AND alias = ?').get(name, alias) as { version_id: string } | undefined;
    return r?.version_id ?? null;
  }

  /** Moves an alias and records the move, in one transaction. */
  moveAlias(name: string, alias: string, toVersionId: string, action: 'set' | 'rollback', note: string): void {
    this.db.transaction(() => {
      const from = this.alias(name, alias);
      const now = new Date().toISOString();
      this.db
        .prepare('INSERT INTO aliases (model_name, alias, version_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(model_name, alias) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at')
        .run(name, alias, toVersionId, now);
      this.db
        .prepare('INSERT INTO alias_history (model_name, alias, from_version_id, to_version_id, action, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(name, alias, from, toVersionId, action, note, now);
    }).immediate();
  }

  /**
   * Records a move made elsewhere (a model server's rollback or promotion), at the time it happened.
   * The alias follows it only from where the server saw it (`fromVersionId`, or nowhere yet): when
   * someone has pointed the alias at another version since, the move is history and that choice
   * stands. Call inside the caller's transaction; returns the history row and whether the alias moved.
   */
  recordMove(name: string, alias: string, fromVersionId: string | null, toVersionId: string, action: 'set' | 'rollback', note: string, at: string): { id: number; moved: boolean } {
    const current = this.alias(name, alias);
    const moved = current === null || current === fromVersionId;
    if (moved) {
      this.db
        .prepare('INSERT INTO aliases (model_name, alias, version_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(model_name, alias) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at')
        .run(name, alias, toVersionId, at);
    }
    const r = this.db
      .prepare('INSERT INTO alias_history (model_name, alias, from_version_id, to_version_id, action, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(name, alias, fromVersionId, toVersionId, action, note, at);
    return { id: Number(r.lastInsertRowid), moved };
  }

  /** A registered version's id by its version, also when written short ("1.2" for 1.2.0); null when not registered. */
  findVersionId(name: string, version: string): string | null {
    const full = /^\d+\.\d+$/.test(version) ? `${version}.0` : /^\d+$/.test(version) ? `${version}.0.0` : version;
    const r = this.db.prepare('SELECT id FROM model_versions WHERE model_name = ? AND version IN (?, ?)').get(name, version, full) as { id: string } | undefined;
    return r?.id ?? null;
  }

  /**
   * The version an alias pointed at before its current one: walks the history backwards past
   * earlier rollbacks, so rolling back twice goes two steps back.
   */
  previousOf(name: string, alias: string): string | null {
    const moves = this.db
      .prepare('SELECT from_version_id AS f, to_version_id AS t, action FROM alias_history WHERE model_name = ? AND alias = ? ORDER BY id DESC')
      .all(name, alias) as { f: string | null; t: string; action: string }[];
    return rollbackTarget(moves.map((m) => ({ action: m.action, from: m.f })));
  }

  detail(name: string): ModelDetailDto {
    const rows = this.versions(name);
    if (rows.length === 0) throw new ApiError('not_found', `No model named '${name}'`, { field: 'name' });
    const aliasRows = this.db.prepare('SELECT alias, version_id FROM aliases WHERE model_name = ?').all(name) as { alias: string; version_id: string }[];
    const byId = new Map(rows.map((r) => [r.id, r.version]));
    const history = (
      this.db.prepare('SELECT alias, action, from_version_id, to_version_id, note, at FROM alias_history WHERE model_name = ? ORDER BY id DESC').all(name) as {
        alias: string; action: AliasMoveDto['action']; from_version_id: string | null; to_version_id: string | null; note: string; at: string;
      }[]
    ).map((h) => ({ alias: h.alias, action: h.action, fromVersion: h.from_version_id ? (byId.get(h.from_version_id) ?? null) : null, toVersion: h.to_version_id ? (byId.get(h.to_version_id) ?? null) : null, note: h.note, at: h.at }));
    return {
      name,
      versions: rows.map((r) => this.version(r, aliasRows.filter((a) => a.version_id === r.id).map((a) => a.alias))),
      aliases: Object.fromEntries(aliasRows.map((a) => [a.alias, byId.get(a.version_id)!])),
      history,
    };
  }

  version(r: VersionRow, aliases: string[]): ModelVersionDto {
    const run = this.db
      .prepare('SELECT r.family, r.task, r.target, r.dataset_id, r.dataset_sha256, r.seed, r.metrics_json, d.name AS dataset_name FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?')
      .get(r.run_id) as { family: string; task: string; target: string; dataset_id: string; dataset_sha256: string; seed: number; metrics_json: string | null; dataset_name: string | null } | undefined;
    return {
      id: r.id, name: r.model_name, version: r.version, runId: r.run_id, description: r.description, createdAt: r.created_at,
      family: run?.family ?? null, task: run?.task ?? null, target: run?.target ?? null, datasetId: run?.dataset_id ?? null,
      datasetName: run?.dataset_name ?? null, datasetSha256: run?.dataset_sha256 ?? null, seed: run?.seed ?? null,
      metrics: run?.metrics_json ? JSON.parse(run.metrics_json) : null, aliases,
    };
  }
}
