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

/** A sweep as stored: tabular (with the task it decided) or forecast (with its `model`). */
type SweepSpec = SweepArgs & { metric: string; lowerIsBetter: boolean; model?: string };

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
    const spec = JSON.parse(r.spec_json) as SweepSpec;
    const runs = this.db
      .prepare('SELECT id, status, metrics_json, stopped_early FROM runs WHERE sweep_id = ? ORDER BY created_at')
      .all(r.id) as { id: string; status: string; metrics_json: string | null; stopped_early: number }[];
    const params = this.db.prepare('SELECT key, value_json FROM run_params WHERE run_id = ?');
    const last = this.db.prepare(`SELECT step, value FROM metric_points WHERE run_id = ? AND name = 'valid' ORDER BY step DESC LIMIT 1`);
    const results: SweepTrialDto[] = runs.map((run) => ({
      runId: run.id,
      status: run.status,
      stoppedEarly: run.stopped_early === 1,
      lastCurve: (last.get(run.id) as { step: number; value: number } | undefined) ?? null,
      value: run.metrics_json ? ((JSON.parse(run.metrics_json) as Record<string, number>)[spec.metric] ?? null) : null,
      params: Object.fromEntries((params.all(run.id) as { key: string; value_json: string }[]).map((p) => [p.key, JSON.parse(p.value_json)])),
    }));
    const best = results.find((t) => t.runId === r.best_run_id)?.value ?? null;
    return {
      id: r.id, datasetId: r.dataset_id, status: r.status, method: spec.method, metric: spec.metric, lowerIsBetter: spec.lowerIsBetter,
      trials: spec.trials, space: spec.space, results, bestRunId: r.best_run_id, earlierBetter: this.earlierBetter(r, spec, best),
      createdAt: r.created_at, endedAt: r.ended_at,
    };
  }

  /**
   * The best earlier run that predicts the same thing (dataset, target, task) and beats the sweep's
   * best on its objective: a sweep that found nothing better should say so.
   */
  private earlierBetter(r: SweepRow, spec: SweepSpec, best: number | null): SweepDto['earlierBetter'] {
    if (best === null) return null;
    // Tabular and recommender sweeps store their task; a forecast sweep is known by its model.
    const task = (spec as { task?: string }).task ?? ('model' in spec ? 'forecast' : undefined);
    if (!task) return null;
    const rows = this.db
      .prepare(
        `SELECT id, metrics_json FROM runs WHERE dataset_id = ? AND target = ? AND COALESCE(task, requested_task) = ? AND status = 'succeeded'
           AND created_at < ? AND (sweep_id IS NULL OR sweep_id <> ?) AND metrics_json IS NOT NULL`,
      )
      .all(r.dataset_id, spec.target, task, r.created_at, r.id) as { id: string; metrics_json: string }[];
    const sign = spec.lowerIsBetter ? 1 : -1;
    let found: { runId: string; value: number } | null = null;
    for (const row of rows) {
      const v = (JSON.parse(row.metrics_json) as Record<string, number>)[spec.metric];
      if (typeof v === 'number' && Number.isFinite(v) && sign * (v - (found?.value ?? best)) < 0) found = { runId: row.id, value: v };
    }
    return found;
  }

  list(): SweepDto[] {
    return (this.db.prepare('SELECT id FROM sweeps ORDER BY created_at DESC').all() as { id: string }[]).map((r) => this.get(r.id));
  }
}
