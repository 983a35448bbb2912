import type { Database } from 'better-sqlite3';
import type { JobDto, JobStatus } from '../../../../shared/api/dto';
import { withoutWaiting } from '../busy';

interface JobRow {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  eta_ms: number | null;
  args_json: string;
  result_json: string | null;
  error_json: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}

function toDto(r: JobRow): JobDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    progress: r.progress,
    message: r.message,
    etaMs: r.eta_ms,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    result: r.result_json ? JSON.parse(r.result_json) : null,
    error: r.error_json ? JSON.parse(r.error_json) : null,
  };
}

/** All SQL about jobs. */
export class JobsRepo {
  constructor(private readonly db: Database) {}

  insert(job: { id: string; kind: string; title: string; args: unknown; pid: number }): JobDto {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, title, status, progress, args_json, pid, created_at)
         VALUES (@id, @kind, @title, 'queued', 0, @args, @pid, @now)`,
      )
      .run({ id: job.id, kind: job.kind, title: job.title, args: JSON.stringify(job.args ?? {}), pid: job.pid, now: new Date().toISOString() });
    return this.get(job.id)!;
  }

  get(id: string): JobDto | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toDto(row) : null;
  }

  list(opts: { status?: JobStatus[]; limit: number }): JobDto[] {
    const where = opts.status?.length ? `WHERE status IN (${opts.status.map(() => '?').join(',')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(...(opts.status ?? []), opts.limit) as JobRow[];
    return rows.map(toDto);
  }

  /** The queued or running job of a kind working on a dataset, if any. */
  findActive(kind: string, datasetId: string): string | null {
    const r = this.db
      .prepare(`SELECT id FROM jobs WHERE kind = ? AND status IN ('queued', 'running') AND json_extract(args_json, '$.datasetId') = ?`)
      .get(kind, datasetId) as { id: string } | undefined;
    return r?.id ?? null;
  }

  /** Datasets that live jobs are writing (their tables are not orphans). */
  activeDatasetIds(): string[] {
    return (
      this.db
        .prepare(`SELECT json_extract(args_json, '$.datasetId') AS d FROM jobs WHERE status IN ('queued', 'running') AND d IS NOT NULL`)
        .all() as { d: string }[]
    ).map((r) => r.d);
  }

  markRunning(id: string): void {
    this.db.prepare(`UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
  }

  /** Skipped at once (a busy error) while another connection writes: the live value answers meanwhile. */
  saveProgress(id: string, progress: number, message: string | null, etaMs: number | null): void {
    withoutWaiting(this.db, () => this.db.prepare('UPDATE jobs SET progress = ?, message = ?, eta_ms = ? WHERE id = ?').run(progress, message, etaMs, id));
  }

  finish(id: string, status: Exclude<JobStatus, 'queued' | 'running'>, out: { result?: unknown; error?: unknown }): JobDto {
    this.db
      .prepare(
        `UPDATE jobs SET status = ?, ended_at = ?, eta_ms = NULL,
           progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END,
           result_json = ?, error_json = ? WHERE id = ?`,
      )
      .run(
        status,
        new Date().toISOString(),
        status,
        out.result === undefined ? null : JSON.stringify(out.result),
        out.error === undefined ? null : JSON.stringify(out.error),
        id,
      );
    return this.get(id)!;
  }

  /**
   * Jobs left queued/running by a process that died: marked `interrupted` so the record is honest.
   * Only jobs of other processes are touched, so two hosts on one file do not clobber each other.
   */
  markInterrupted(isAlive: (pid: number) => boolean): number {
    const stale = this.db.prepare(`SELECT id, pid FROM jobs WHERE status IN ('queued', 'running')`).all() as { id: string; pid: number | null }[];
    const dead = stale.filter((j) => j.pid === null || !isAlive(j.pid));
    const stmt = this.db.prepare(
      `UPDATE jobs SET status = 'interrupted', ended_at = ?, eta_ms = NULL,
         error_json = '{"code":"interrupted","message":"The process running this job stopped before it finished."}' WHERE id = ?`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => dead.forEach((j) => stmt.run(now, j.id))).immediate();
    return dead.length;
  }
}
