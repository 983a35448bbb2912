import type { Database } from 'better-sqlite3';
import type { DatasetSummaryDto, ModelSummaryDto, RunSummaryDto } from '../../../../shared/api/dto';

/** Listing queries for the main sections. */
export class CatalogRepo {
  constructor(private readonly db: Database) {}

  datasets(): DatasetSummaryDto[] {
    return this.db
      .prepare(
        `SELECT d.id, d.name, d.row_count AS rows, d.format, d.source_sha256 AS sourceSha256, d.created_at AS createdAt,
                (SELECT COUNT(*) FROM dataset_columns c WHERE c.dataset_id = d.id) AS columns
         FROM datasets d ORDER BY d.created_at DESC`,
      )
      .all() as DatasetSummaryDto[];
  }

  runs(opts: { datasetId?: string; limit: number }): RunSummaryDto[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, dataset_id AS datasetId, target, task, family, status, metrics_json, created_at AS createdAt,
                duration_ms AS durationMs, backend, tags_json,
                (SELECT json_group_object(key, json(value_json)) FROM run_params p WHERE p.run_id = runs.id) AS params_json,
                CASE WHEN status IN ('cancelled', 'interrupted', 'failed') THEN
                  (SELECT json_extract(CAST(a.data AS TEXT), '$.epoch') FROM artifacts a WHERE a.run_id = runs.id AND a.kind = 'checkpoint') END AS resumeEpoch
         FROM runs ${opts.datasetId ? 'WHERE dataset_id = @datasetId' : ''} ORDER BY created_at DESC LIMIT @limit`,
      )
      .all({ datasetId: opts.datasetId, limit: opts.limit }) as (Omit<RunSummaryDto, 'metrics' | 'params' | 'tags'> & {
      metrics_json: string | null;
      tags_json: string;
      params_json: string | null;
    })[];
    return rows.map(({ metrics_json, tags_json, params_json, ...r }) => ({
      ...r,
      metrics: metrics_json ? JSON.parse(metrics_json) : null,
      params: params_json ? JSON.parse(params_json) : {},
      tags: JSON.parse(tags_json),
    }));
  }

  models(): ModelSummaryDto[] {
    const rows = this.db
      .prepare(
        `SELECT model_name AS name, COUNT(*) AS versions, MAX(created_at) AS updatedAt,
                (SELECT v2.version FROM model_versions v2 WHERE v2.model_name = v.model_name ORDER BY v2.created_at DESC LIMIT 1) AS latestVersion
         FROM model_versions v GROUP BY model_name ORDER BY updatedAt DESC`,
      )
      .all() as Omit<ModelSummaryDto, 'aliases'>[];
    const aliases = this.db
      .prepare('SELECT a.model_name AS name, a.alias, v.version FROM aliases a JOIN model_versions v ON v.id = a.version_id')
      .all() as { name: string; alias: string; version: string }[];
    return rows.map((r) => ({
      ...r,
      aliases: Object.fromEntries(aliases.filter((a) => a.name === r.name).map((a) => [a.alias, a.version])),
    }));
  }
}
