import type { Database } from 'better-sqlite3';
import type { SweepArgs, SweepDto, SweepTrialDto } from '../../../../shared/api/methods/sweeps';
import { resolveId } from './id-match';

interface SweepRow {
  id: string;
  dataset_id: string;
  spec_json: string;
  status: SweepDto['status'];
  best_run_id: string | null;
  created_at: string;
  ended_at: string | null;
}

/** All SQL about sweeps; their trials are runs with a sweep_id. */
export class SweepsRepo {
  constructor(private readonly db: Database) {}

  /** `spec` is the sweep as asked (tabular or forecast), stored whole; the listing reads its shared fields. */
  create(id: string, datasetId: string, spec: Pick<SweepArgs, 'method' | 'trials' | 'space'> & { metric: string; lowerIsBetter: boolean }): void {
    this.db
      .prepare(`INSERT INTO sweeps (id, dataset_id, spec_json, status, created_at) VALUES (?, ?, ?, 'running', ?)`)
      .run(id, datasetId, JSON.stringify(spec), new Date().toISOString());
  }

  setBest(id: string, runId: string): void {
    this.db.prepare('UPDATE sweeps SET best_run_id = ? WHERE id = ?').run(runId, id);
  }

  end(id: string, status: SweepDto['status']): void {
    this.db.prepare('UPDATE sweeps SET status = ?, ended_at = ? WHERE id = ?').run(status, new Date().toISOString(), id);
  }

  markInterrupted(): void {
    this.db.prepare(`UPDATE sweeps SET status = 'interrupted', ended_at = ? WHERE status = 'running'`).run(new Date().toISOString());
  }

  get(id: string): SweepDto {
    const r = this.db.prepare('SELECT * FROM sweeps WHERE id = ?').get(resolveId(this.db, 'sweeps', id, 'sweep')) as SweepRow;
    const spec = JSON.parse(r.spec_json) as SweepArgs & { metric: string; lowerIsBetter: boolean };
    const runs = this.db
      .prepare('SELECT id, status, metrics_json, stopped_early FROM runs WHERE sweep_id = ? ORDER BY created_at')
      .all(r.id) as { id: string; status: string; metrics_json: string | null; stopped_early: number }[];
    const params = this.db.prepare('SELECT key, value_json FROM run_params WHERE run_id = ?');
    const results: SweepTrialDto[] = runs.map((run) => ({
      runId: run.id,
      status: run.status,
      stoppedEarly: run.stopped_early === 1,
      value: run.metrics_json ? ((JSON.parse(run.metrics_json) as Record<string, number>)[spec.metric] ?? null) : null,
      params: Object.fromEntries((params.all(run.id) as { key: string; value_json: string }[]).map((p) => [p.key, JSON.parse(p.value_json)])),
    }));
    return {
      id: r.id, datasetId: r.dataset_id, status: r.status, method: spec.method, metric: spec.metric, lowerIsBetter: spec.lowerIsBetter,
      trials: spec.trials, space: spec.space, results, bestRunId: r.best_run_id, createdAt: r.created_at, endedAt: r.ended_at,
    };
  }

  list(): SweepDto[] {
    return (this.db.prepare('SELECT id FROM sweeps ORDER BY created_at DESC').all() as { id: string }[]).map((r) => this.get(r.id));
  }
}
