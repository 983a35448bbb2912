import type { TrainedForecastDto, TrainedRecommendDto, TrainedRunDto } from '../../../../shared/api/jobs';
import { recommendArgs, type RecommendArgs } from '../../../../shared/api/methods/recommend';
import type { RecommendReportDto } from '../../../../shared/api/recommend-dto';
import { forecastArgs, type ForecastArgs } from '../../../../shared/api/methods/forecast';
import type { ForecastReportDto } from '../../../../shared/api/forecast-dto';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MetricPointDto } from '../../../../shared/api/dto';
import type { RunDetailDto, RunReportDto, SplitDto } from '../../../../shared/api/runs-dto';
import { isFamily, storedParams } from '../../../../shared/families/index';
import { runArgs, type RunArgs } from '../../../../shared/api/methods/runs';
import { ApiError } from '../../../../shared/api/errors';
import { RECOMMEND_DEFAULTS } from '../../../../shared/families/recommend';
import { resolveId } from './id-match';

/** A forecast or recommender spec's warmStartFrom. */
function specOrigin(json: string | null): string | null {
  const from = json ? (JSON.parse(json) as { warmStartFrom?: unknown }).warmStartFrom : undefined;
  return typeof from === 'string' ? from : null;
}

interface RunRow {
  id: string;
  dataset_id: string | null;
  test_dataset_id: string | null;
  target: string | null;
  task: string | null;
  requested_task: string | null;
  family: string | null;
  status: string;
  split_json: string;
  seed: number | null;
  dataset_sha256: string | null;
  backend: string | null;
  versions_json: string;
  metrics_json: string | null;
  notes: string;
  tags_json: string;
  job_id: string | null;
  duration_ms: number | null;
  created_at: string;
  ended_at: string | null;
  exclude_json: string;
  error: string | null;
  forecast_json: string | null;
  recommend_json: string | null;
  name: string | null;
  dataset_version: number | null;
}

export interface NewRun {
  id: string;
  datasetId: string;
  testDatasetId: string | null;
  args: RunArgs;
  datasetSha256: string | null;
  /** The dataset's version trained on (its rows as of that version). */
  datasetVersion: number | null;
  versions: Record<string, string>;
  sweepId?: string | null;
}

/** A forecast run as resolved by the host: datasets by id, seasons and every parameter explicit. */
export interface NewForecastRun {
  id: string;
  datasetId: string;
  testDatasetId: string | null;
  args: ForecastArgs;
  datasetSha256: string | null;
  /** The dataset's version trained on (its rows as of that version). */
  datasetVersion: number | null;
  versions: Record<string, string>;
  sweepId?: string | null;
}

/** A recommender run as resolved by the host: datasets by id, split and every parameter explicit. */
export type NewRecommendRun = Omit<NewForecastRun, 'args'> & { args: RecommendArgs };

/** A finished training's parts, as the worker returns them (the job contract's runs.train output). */
export type CompletedRun = TrainedRunDto;

/** All SQL about runs, their params, metric points and artifacts. */
export class RunsRepo {
  constructor(private readonly db: Database) {}

  create(r: NewRun): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, dataset_id, test_dataset_id, target, requested_task, family, status, split_json, seed, dataset_sha256, versions_json, exclude_json, sweep_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, r.datasetId, r.testDatasetId, r.args.target, r.args.task ?? null, r.args.family, JSON.stringify(r.args.split), r.args.seed,
          r.datasetSha256, JSON.stringify(r.versions), JSON.stringify(r.args.exclude), r.sweepId ?? null, new Date().toISOString());
      this.db.prepare('UPDATE runs SET dataset_version = ? WHERE id = ?').run(r.datasetVersion, r.id);
      const p = this.db.prepare('INSERT INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)');
      for (const [k, v] of Object.entries(r.args.params)) p.run(r.id, k, JSON.stringify(v));
      if (r.args.warmStartFrom) this.putOrigin(r.id, r.args.warmStartFrom);
    }).immediate();
  }

  /** A tabular run continued from another keeps that run's id as an 'origin' artifact (forecast and recommender runs keep it in their spec). */
  private putOrigin(id: string, fromRunId: string): void {
    const data = Buffer.from(JSON.stringify({ fromRunId }));
    this.db
      .prepare('INSERT INTO artifacts (id, run_id, kind, content_type, sha256, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(`${id}:origin`, id, 'origin', 'application/json', createHash('sha256').update(data).digest('hex'), data.length, data, new Date().toISOString());
  }

  private origin(id: string): string | null {
    return this.artifact<{ fromRunId: string }>(id, 'origin')?.fromRunId ?? null;
  }

  /**
   * Records a forecast run: task 'forecast', family = the model. Its split names the time column and
   * says whether a test dataset scored it ('holdout') or a backtest on the training tail ('time').
   */
  createForecast(r: NewForecastRun): void {
    const split: SplitDto = { kind: r.testDatasetId ? 'holdout' : 'time', column: r.args.time, testFraction: 0 };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, dataset_id, test_dataset_id, target, task, family, status, split_json, seed, dataset_sha256, versions_json, forecast_json, sweep_id, created_at)
           VALUES (?, ?, ?, ?, 'forecast', ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, r.datasetId, r.testDatasetId, r.args.target, r.args.model, JSON.stringify(split), r.args.seed, r.datasetSha256,
          JSON.stringify(r.versions), JSON.stringify(r.args), r.sweepId ?? null, new Date().toISOString());
      this.db.prepare('UPDATE runs SET dataset_version = ? WHERE id = ?').run(r.datasetVersion, r.id);
      const p = this.db.prepare('INSERT INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)');
      for (const [k, v] of Object.entries(r.args.params)) p.run(r.id, k, JSON.stringify(v));
    }).immediate();
  }

  /**
   * Records a recommender run: task 'recommend', family = the model, target = the item column (what it
   * recommends). Its split says whether a test dataset scored it ('holdout'), a time cut or a random share.
   */
  createRecommend(r: NewRecommendRun): void {
    const a = r.args;
    const split: SplitDto = a.split === 'test' ? { kind: 'holdout', testFraction: 0 } : a.split === 'random' ? { kind: 'random', testFraction: RECOMMEND_DEFAULTS.testShare } : { kind: 'time', column: a.time, testFraction: a.split === 'time' ? RECOMMEND_DEFAULTS.testShare : 0 };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, dataset_id, test_dataset_id, target, task, family, status, split_json, seed, dataset_sha256, versions_json, recommend_json, sweep_id, created_at)
           VALUES (?, ?, ?, ?, 'recommend', ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, r.datasetId, r.testDatasetId, a.item, a.model, JSON.stringify(split), a.seed, r.datasetSha256, JSON.stringify(r.versions), JSON.stringify(a), r.sweepId ?? null, new Date().toISOString());
      this.db.prepare('UPDATE runs SET dataset_version = ? WHERE id = ?').run(r.datasetVersion, r.id);
      const p = this.db.prepare('INSERT INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)');
      for (const [k, v] of Object.entries(a.params)) p.run(r.id, k, JSON.stringify(v));
    }).immediate();
  }

  /** An ensemble of registered runs: scored on its first member's rows, so it records that member's data and split. */
  createEnsemble(r: { id: string; from: RunDetailDto; members: string[]; method: string; versions: Record<string, string> }): void {
    const f = r.from;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, dataset_id, test_dataset_id, target, requested_task, family, status, split_json, seed, dataset_sha256, dataset_version, versions_json, created_at)
           VALUES (?, ?, ?, ?, ?, 'ensemble', 'running', ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, f.datasetId, f.testDatasetId, f.target, f.task, JSON.stringify(f.split), f.seed, f.datasetSha256, f.datasetVersion ?? null, JSON.stringify(r.versions), new Date().toISOString());
      const p = this.db.prepare('INSERT INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)');
      p.run(r.id, 'members', JSON.stringify(r.members));
      p.run(r.id, 'method', JSON.stringify(r.method));
    }).immediate();
  }

  /** An ensemble's model, report and predictions, with the weights it fitted as a parameter. */
  completeEnsemble(id: string, c: CompletedRun, weights: number[] | null): void {
    this.db.prepare('INSERT OR REPLACE INTO run_params (run_id, key, value_json) VALUES (?, ?, ?)').run(id, 'weights', JSON.stringify(weights));
    this.store(id, c.task, c);
  }

  setJob(id: string, jobId: string): void {
    this.db.prepare('UPDATE runs SET job_id = ? WHERE id = ?').run(jobId, id);
  }

  /** Batched curve points: one transaction per flush. */
  addPoints(id: string, points: MetricPointDto[]): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO metric_points (run_id, name, step, value) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const pt of points) for (const [name, v] of Object.entries(pt.values)) if (Number.isFinite(v)) ins.run(id, name, pt.step, v);
    }).immediate();
  }

  /** Final metrics, the model and its report, all at once: a run either has its artifact or none. */
  complete(id: string, c: CompletedRun): void {
    this.store(id, c.task, c);
  }

  /** A forecast run's model, report and scored points, with its metrics, at once. */
  completeForecast(id: string, c: TrainedForecastDto): void {
    this.store(id, 'forecast', c);
  }

  /** A recommender run's model (the engine's RecommenderArtifact), report and per-user points, with its metrics, at once. */
  completeRecommend(id: string, c: TrainedRecommendDto): void {
    this.store(id, 'recommend', c);
  }

  private store(id: string, task: string, c: Pick<CompletedRun, 'artifact' | 'metrics' | 'backend' | 'durationMs' | 'predictions'> & { report: object }): void {
    const now = new Date().toISOString();
    const put = this.db.prepare('INSERT INTO artifacts (id, run_id, kind, content_type, sha256, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      // A finished run needs no checkpoint to resume from.
      this.db.prepare(`DELETE FROM artifacts WHERE run_id = ? AND kind = 'checkpoint'`).run(id);
      for (const [kind, value] of [['model', c.artifact], ['report', c.report], ['predictions', c.predictions]] as const) {
        const data = Buffer.from(JSON.stringify(value));
        put.run(`${id}:${kind}`, id, kind, 'application/json', createHash('sha256').update(data).digest('hex'), data.length, data, now);
      }
      this.db
        .prepare(`UPDATE runs SET status = 'succeeded', task = ?, metrics_json = ?, backend = ?, duration_ms = ?, ended_at = ? WHERE id = ?`)
        .run(task, JSON.stringify(c.metrics), c.backend, Math.round(c.durationMs), now, id);
    }).immediate();
  }

  end(id: string, status: 'failed' | 'cancelled', error: string | null): void {
    this.db.transaction(() => {
      // The last epoch's checkpoint stays, so the run can be resumed; the origin stays, so it re-runs as it was.
      this.db.prepare(`DELETE FROM artifacts WHERE run_id = ? AND kind NOT IN ('checkpoint', 'origin')`).run(id);
      this.db.prepare('UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ?').run(status, error, new Date().toISOString(), id);
    }).immediate();
  }

  /** The training state after an epoch of a network run (one per run, replaced each epoch), to resume from. */
  saveCheckpoint(id: string, checkpoint: { epoch: number }): void {
    const data = Buffer.from(JSON.stringify(checkpoint));
    this.db
      .prepare(
        `INSERT OR REPLACE INTO artifacts (id, run_id, kind, content_type, sha256, size, data, created_at)
         SELECT ?, id, 'checkpoint', 'application/json', ?, ?, ?, ? FROM runs WHERE id = ? AND status = 'running'`,
      )
      .run(`${id}:checkpoint`, createHash('sha256').update(data).digest('hex'), data.length, data, new Date().toISOString(), id);
  }

  /** The epoch a run's checkpoint was taken after, or null when it has none. */
  checkpointEpoch(id: string): number | null {
    const r = this.db.prepare(`SELECT json_extract(CAST(data AS TEXT), '$.epoch') AS epoch FROM artifacts WHERE run_id = ? AND kind = 'checkpoint'`).get(id) as { epoch: number } | undefined;
    return r ? r.epoch : null;
  }

  /** A stopped run going on from its checkpoint: running again under a new job, its error cleared. */
  reopen(id: string): void {
    this.db.prepare(`UPDATE runs SET status = 'running', error = NULL, ended_at = NULL WHERE id = ?`).run(id);
  }

  /** Runs left `running` by a process that died, matching their interrupted jobs. */
  markInterrupted(): void {
    this.db
      .prepare(
        `UPDATE runs SET status = 'interrupted', ended_at = COALESCE(ended_at, ?)
         WHERE status = 'running' AND (job_id IS NULL OR job_id IN (SELECT id FROM jobs WHERE status = 'interrupted'))`,
      )
      .run(new Date().toISOString());
  }

  /** The run with this id, or with the one id that starts with this short id. */
  private row(id: string): RunRow {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(this.resolve(id)) as RunRow;
  }

  resolve(id: string, field = 'id'): string {
    return resolveId(this.db, 'runs', id, 'run', field);
  }

  /** The run's stored arguments, read back through the contract's schema (a re-run starts from them). */
  args(id: string): RunArgs {
    const r = this.row(id);
    if (r.forecast_json) throw new ApiError('bad_request', `Run ${r.id.slice(0, 8)} is a forecast run; its arguments are forecast arguments`, { field: 'id' });
    if (r.recommend_json) throw new ApiError('bad_request', `Run ${r.id.slice(0, 8)} is a recommender run; its arguments are recommender arguments`, { field: 'id' });
    if (r.family === 'ensemble') throw new ApiError('bad_request', `Run ${r.id.slice(0, 8)} is an ensemble of registered models; build it again with lathe ensemble`, { field: 'id' });
    return runArgs.parse({
      dataset: r.dataset_id,
      target: r.target,
      testDataset: r.test_dataset_id ?? undefined,
      exclude: JSON.parse(r.exclude_json),
      task: r.requested_task ?? undefined,
      family: r.family,
      params: isFamily(r.family) ? storedParams(r.family, this.params(r.id)) : this.params(r.id),
      split: JSON.parse(r.split_json),
      seed: r.seed ?? undefined,
      warmStartFrom: this.origin(r.id) ?? undefined,
    });
  }

  /** A forecast run's stored arguments, read back through the contract's schema; null for tabular runs. */
  forecastArgs(id: string): ForecastArgs | null {
    const r = this.row(id);
    return r.forecast_json ? forecastArgs.parse(JSON.parse(r.forecast_json)) : null;
  }

  /** A recommender run's stored arguments, read back through the contract's schema; null for other runs. */
  recommendArgs(id: string): RecommendArgs | null {
    const r = this.row(id);
    return r.recommend_json ? recommendArgs.parse(JSON.parse(r.recommend_json)) : null;
  }

  private params(id: string): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value_json FROM run_params WHERE run_id = ? ORDER BY key').all(id) as { key: string; value_json: string }[];
    return Object.fromEntries(rows.map((p) => [p.key, JSON.parse(p.value_json)]));
  }

  artifact<T>(id: string, kind: 'model' | 'report' | 'predictions' | 'checkpoint' | 'origin'): T | null {
    const a = this.db.prepare('SELECT data FROM artifacts WHERE run_id = ? AND kind = ?').get(id, kind) as { data: Buffer } | undefined;
    return a ? (JSON.parse(a.data.toString('utf8')) as T) : null;
  }

  /**
   * A run's curves, each reduced in SQL to the min and max of ~maxPoints/2 step buckets when
   * longer (a million-point curve answers in a fraction of a second and still shows its spikes).
   */
  curves(id: string, maxPoints: number): RunDetailDto['curves'] {
    const names = this.db.prepare('SELECT name, COUNT(*) AS n FROM metric_points WHERE run_id = ? GROUP BY name').all(id) as { name: string; n: number }[];
    const curves: RunDetailDto['curves'] = {};
    for (const { name, n } of names) {
      if (maxPoints === 0 || n <= maxPoints) {
        curves[name] = this.db.prepare('SELECT step, value FROM metric_points WHERE run_id = ? AND name = ? ORDER BY step').all(id, name) as { step: number; value: number }[];
        continue;
      }
      // Integer buckets: the width must bind as an integer, or the division turns fractional.
      const width = BigInt(Math.ceil(n / Math.max(1, Math.floor(maxPoints / 2))));
      const pick = (agg: 'MIN' | 'MAX') =>
        this.db.prepare(`SELECT step, ${agg}(value) AS value FROM metric_points WHERE run_id = ? AND name = ? GROUP BY step / ?`).all(id, name, width) as { step: number; value: number }[];
      const merged = new Map<number, number>();
      for (const p of [...pick('MIN'), ...pick('MAX')]) merged.set(p.step, p.value);
      curves[name] = [...merged].sort((a, b) => a[0] - b[0]).map(([step, value]) => ({ step, value }));
    }
    return curves;
  }

  get(id: string, maxPoints = 2000): RunDetailDto {
    const r = this.row(id);
    const curves = this.curves(r.id, maxPoints);
    const isForecast = r.forecast_json !== null;
    const isRecommend = r.recommend_json !== null;
    const report = this.artifact<object>(r.id, 'report');
    const ds = r.dataset_id ? (this.db.prepare('SELECT name FROM datasets WHERE id = ?').get(r.dataset_id) as { name: string } | undefined) : undefined;
    return {
      id: r.id, name: r.name, datasetId: r.dataset_id, target: r.target, task: r.task ?? r.requested_task, family: r.family, status: r.status,
      metrics: r.metrics_json ? JSON.parse(r.metrics_json) : null, createdAt: r.created_at,
      datasetName: ds?.name ?? null, testDatasetId: r.test_dataset_id, exclude: JSON.parse(r.exclude_json), params: this.params(r.id),
      split: JSON.parse(r.split_json) as SplitDto, seed: r.seed, datasetSha256: r.dataset_sha256, datasetVersion: r.dataset_version, backend: r.backend,
      versions: JSON.parse(r.versions_json), durationMs: r.duration_ms, endedAt: r.ended_at, jobId: r.job_id, notes: r.notes,
      tags: JSON.parse(r.tags_json), error: r.error, curves,
      report: isForecast || isRecommend ? null : (report as RunReportDto | null), forecast: isForecast ? (report as ForecastReportDto | null) : null,
      forecastSpec: isForecast ? forecastArgs.parse(JSON.parse(r.forecast_json!)) : null,
      recommend: isRecommend ? (report as RecommendReportDto | null) : null,
      recommendSpec: isRecommend ? recommendArgs.parse(JSON.parse(r.recommend_json!)) : null,
      resumeEpoch: r.status === 'running' || r.status === 'succeeded' ? null : this.checkpointEpoch(r.id),
      warmStartFrom: this.origin(r.id) ?? specOrigin(r.forecast_json ?? r.recommend_json),
    };
  }

  /** The backend as soon as the worker knows it (the final record writes it again). */
  setBackend(id: string, backend: string): void {
    this.db.prepare(`UPDATE runs SET backend = ? WHERE id = ? AND status = 'running'`).run(backend, id);
  }

  markStoppedEarly(id: string): void {
    this.db.prepare('UPDATE runs SET stopped_early = 1 WHERE id = ?').run(id);
  }

  /** An empty or blank name clears it (the run shows family and short id again). */
  update(id: string, u: { name?: string | null; notes?: string; tags?: string[] }): void {
    if (u.name !== undefined) this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(u.name?.trim() || null, id);
    if (u.notes !== undefined) this.db.prepare('UPDATE runs SET notes = ? WHERE id = ?').run(u.notes, id);
    if (u.tags !== undefined) this.db.prepare('UPDATE runs SET tags_json = ? WHERE id = ?').run(JSON.stringify(u.tags), id);
  }

  delete(id: string): void {
    const used = this.db.prepare('SELECT model_name, version FROM model_versions WHERE run_id = ?').get(id) as { model_name: string; version: string } | undefined;
    if (used) throw new ApiError('conflict', `Run is registered as ${used.model_name}@${used.version}; it cannot be deleted`, { field: 'id' });
    this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
  }
}
