/** All SQL about retraining plans: plans, schedule state, leases, plan runs and alerts. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../../shared/api/errors';
import { planTriggers, type PlanSpec, type PlanTrigger } from '../../../../shared/automation/plan';
import type { AlertDto, AlertSeverity, PlanDto, PlanRunDto } from '../../../../shared/automation/dto';
import { isIdLike } from '../../../../shared/api/ids';

interface PlanRow {
  id: string; name: string; model_name: string; alias: string; source_json: string; triggers_json: string;
  margin: number; mode: string; incremental: number; paused: number; created_at: string; updated_at: string;
  next_due_at: string | null; last_fired_at: string | null; lease_pid: number | null; lease_expires: string | null;
}

interface RunRow {
  id: string; plan_id: string; plan_name: string; trigger: string; trigger_note: string; state: string; decision: string | null;
  reason: string; dataset_id: string | null; data_version: number | null; champion_run_id: string | null; champion_version: string | null;
  challenger_run_id: string | null; challenger_version: string | null; ab_json: string | null; alias_move_json: string | null;
  pid: number | null; started_at: string; ended_at: string | null;
}

const PLAN_SELECT = `SELECT p.*, s.next_due_at, s.last_fired_at, l.pid AS lease_pid, l.expires_at AS lease_expires
  FROM plans p LEFT JOIN plan_schedule s ON s.plan_id = p.id LEFT JOIN plan_leases l ON l.plan_id = p.id`;
const RUN_SELECT = 'SELECT r.*, p.name AS plan_name FROM plan_runs r JOIN plans p ON p.id = r.plan_id';

/** What a finished plan run records, in the same transaction as any alias move. */
export interface PlanRunEnd {
  decision: 'promoted' | 'kept' | 'failed' | 'interrupted';
  reason: string;
  ab?: object | null;
  challengerVersion?: string | null;
  aliasMove?: PlanRunDto['aliasMove'];
}

export class AutomationRepo {
  constructor(private readonly db: Database) {}

  /** A plan by exact id, name, or a unique id prefix. */
  resolve(ref: string, field = 'plan'): string {
    const exact = (this.db.prepare('SELECT id FROM plans WHERE id = ?').get(ref) ?? this.db.prepare('SELECT id FROM plans WHERE name = ?').get(ref)) as { id: string } | undefined;
    if (exact) return exact.id;
    if (isIdLike(ref.toLowerCase())) {
      const rows = this.db.prepare('SELECT id FROM plans WHERE substr(id, 1, ?) = ? LIMIT 2').all(ref.length, ref.toLowerCase()) as { id: string }[];
      if (rows.length === 1) return rows[0].id;
      if (rows.length > 1) throw new ApiError('bad_request', `Plan id '${ref}' is ambiguous; give more characters`, { field });
    }
    throw new ApiError('not_found', `No plan named or with id '${ref}'`, { field });
  }

  nameTaken(name: string, exceptId: string | null): boolean {
    return this.db.prepare('SELECT 1 FROM plans WHERE name = ? AND id IS NOT ?').get(name, exceptId) !== undefined;
  }

  create(spec: PlanSpec, nextDueAt: string | null, now: Date): string {
    const id = randomUUID();
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO plans (id, name, model_name, alias, source_json, triggers_json, margin, mode, incremental, paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)')
        .run(id, spec.name, spec.model, spec.alias, JSON.stringify(spec.source), JSON.stringify(spec.triggers), spec.margin, spec.mode, spec.incremental ? 1 : 0, at, at);
      this.db.prepare('INSERT INTO plan_schedule (plan_id, next_due_at, last_fired_at) VALUES (?, ?, NULL)').run(id, nextDueAt);
    }).immediate();
    return id;
  }

  update(id: string, spec: PlanSpec, nextDueAt: string | null, now: Date): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE plans SET name = ?, alias = ?, source_json = ?, triggers_json = ?, margin = ?, mode = ?, incremental = ?, updated_at = ? WHERE id = ?')
        .run(spec.name, spec.alias, JSON.stringify(spec.source), JSON.stringify(spec.triggers), spec.margin, spec.mode, spec.incremental ? 1 : 0, now.toISOString(), id);
      this.db.prepare('UPDATE plan_schedule SET next_due_at = ? WHERE plan_id = ?').run(nextDueAt, id);
    }).immediate();
  }

  setPaused(id: string, paused: boolean, nextDueAt: string | null, now: Date): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE plans SET paused = ?, updated_at = ? WHERE id = ?').run(paused ? 1 : 0, now.toISOString(), id);
      this.db.prepare('UPDATE plan_schedule SET next_due_at = ? WHERE plan_id = ?').run(nextDueAt, id);
    }).immediate();
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM plans WHERE id = ?').run(id);
  }

  /** The stored plan as its spec (for checks and updates). */
  spec(id: string): PlanSpec {
    const r = this.row(id);
    return { name: r.name, model: r.model_name, alias: r.alias, source: JSON.parse(r.source_json), triggers: storedTriggers(r.triggers_json), margin: r.margin, mode: r.mode as PlanSpec['mode'], incremental: r.incremental === 1 };
  }

  get(id: string): PlanDto {
    return this.dto(this.row(id));
  }

  list(): PlanDto[] {
    return (this.db.prepare(`${PLAN_SELECT} ORDER BY p.name`).all() as PlanRow[]).map((r) => this.dto(r));
  }

  private row(id: string): PlanRow {
    const r = this.db.prepare(`${PLAN_SELECT} WHERE p.id = ?`).get(id) as PlanRow | undefined;
    if (!r) throw new ApiError('not_found', `No plan with id '${id}'`, { field: 'plan' });
    return r;
  }

  private dto(r: PlanRow): PlanDto {
    const last = this.db.prepare(`${RUN_SELECT} WHERE r.plan_id = ? ORDER BY r.started_at DESC, r.rowid DESC LIMIT 1`).get(r.id) as RunRow | undefined;
    return {
      id: r.id, name: r.name, model: r.model_name, alias: r.alias, source: JSON.parse(r.source_json), triggers: storedTriggers(r.triggers_json),
      margin: r.margin, mode: r.mode as PlanDto['mode'], incremental: r.incremental === 1, paused: r.paused === 1,
      createdAt: r.created_at, updatedAt: r.updated_at, nextDueAt: r.next_due_at, lastFiredAt: r.last_fired_at,
      runningPid: r.lease_pid, lastRun: last ? runDto(last) : null,
    };
  }

  /**
   * Takes the plan's lease and records a running plan run, in one IMMEDIATE transaction, so two processes
   * can never both start the plan. A lease that expired, or whose process `isAlive` says is gone, is taken
   * over. `advanceSchedule` moves the schedule on in the same transaction (a firing is claimed once).
   * Returns null when another live process holds the lease (`holderPid` says which). `heldAs` turns a
   * lease taken by `hold` (a trigger check) into the run's.
   */
  claim(
    planId: string, trigger: PlanTrigger, triggerNote: string, now: Date, leaseMs: number, isAlive: (pid: number) => boolean,
    opts: { advanceSchedule?: { nextDueAt: string | null; firedAt: string; onlyIfDueBy: string }; heldAs?: string } = {},
  ): { runId: string } | { holderPid: number } | { notDue: true } {
    const advanceSchedule = opts.advanceSchedule;
    return this.db.transaction(() => {
      const lease = this.db.prepare('SELECT holder, pid, plan_run_id, expires_at FROM plan_leases WHERE plan_id = ?').get(planId) as { holder: string; pid: number; plan_run_id: string | null; expires_at: string } | undefined;
      const ours = lease !== undefined && opts.heldAs !== undefined && lease.holder === opts.heldAs && lease.plan_run_id === null;
      if (lease && !ours && lease.expires_at > now.toISOString() && isAlive(lease.pid)) return { holderPid: lease.pid };
      if (advanceSchedule) {
        const s = this.db.prepare('SELECT next_due_at FROM plan_schedule WHERE plan_id = ?').get(planId) as { next_due_at: string | null } | undefined;
        if (!s?.next_due_at || s.next_due_at > advanceSchedule.onlyIfDueBy) return { notDue: true as const };
        this.db.prepare('UPDATE plan_schedule SET next_due_at = ?, last_fired_at = ? WHERE plan_id = ?').run(advanceSchedule.nextDueAt, advanceSchedule.firedAt, planId);
      }
      if (lease && !ours) this.endStale(planId, lease.pid, now);
      const runId = randomUUID();
      const at = now.toISOString();
      this.db.prepare('INSERT INTO plan_runs (id, plan_id, trigger, trigger_note, state, pid, started_at) VALUES (?, ?, ?, ?, \'running\', ?, ?)').run(runId, planId, trigger, triggerNote, process.pid, at);
      this.db
        .prepare('INSERT INTO plan_leases (plan_id, holder, pid, plan_run_id, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(plan_id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, plan_run_id = excluded.plan_run_id, expires_at = excluded.expires_at')
        .run(planId, `pid ${process.pid}`, process.pid, runId, new Date(now.getTime() + leaseMs).toISOString());
      return { runId };
    }).immediate();
  }

  /**
   * Takes the plan's lease for a trigger check (reading the source, drift, a metric) under the token
   * `holder`, so that two processes never read one source into two versions. False when it is taken.
   */
  hold(planId: string, holder: string, now: Date, leaseMs: number, isAlive: (pid: number) => boolean): boolean {
    return this.db.transaction(() => {
      const lease = this.db.prepare('SELECT pid, expires_at FROM plan_leases WHERE plan_id = ?').get(planId) as { pid: number; expires_at: string } | undefined;
      if (lease && lease.expires_at > now.toISOString() && isAlive(lease.pid)) return false;
      if (lease) this.endStale(planId, lease.pid, now);
      this.db
        .prepare('INSERT INTO plan_leases (plan_id, holder, pid, plan_run_id, expires_at) VALUES (?, ?, ?, NULL, ?) ON CONFLICT(plan_id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, plan_run_id = NULL, expires_at = excluded.expires_at')
        .run(planId, holder, process.pid, new Date(now.getTime() + leaseMs).toISOString());
      return true;
    }).immediate();
  }

  /** Gives back a check's lease (a lease its run took over stays). */
  release(planId: string, holder: string): void {
    this.db.prepare('DELETE FROM plan_leases WHERE plan_id = ? AND holder = ? AND plan_run_id IS NULL').run(planId, holder);
  }

  /** Keeps the lease while the run works (a long training outlives one lease period). */
  renew(planId: string, runId: string, now: Date, leaseMs: number): void {
    this.db.prepare('UPDATE plan_leases SET expires_at = ? WHERE plan_id = ? AND plan_run_id = ?').run(new Date(now.getTime() + leaseMs).toISOString(), planId, runId);
  }

  /** A lease taken over: the run its holder left behind is marked interrupted. */
  private endStale(planId: string, pid: number, now: Date): void {
    this.db
      .prepare("UPDATE plan_runs SET state = 'ended', decision = 'interrupted', reason = ?, ended_at = ? WHERE plan_id = ? AND state = 'running'")
      .run(`The process that ran it (pid ${pid}) stopped before it decided; the alias was not moved`, now.toISOString(), planId);
  }

  /**
   * At start: plan runs whose process is gone (or is this one, a reused pid) are marked interrupted and
   * their leases freed. Returns the runs it marked.
   */
  markInterrupted(isAlive: (pid: number) => boolean, now: Date): string[] {
    return this.db.transaction(() => {
      const rows = this.db.prepare("SELECT id, plan_id, pid FROM plan_runs WHERE state = 'running'").all() as { id: string; plan_id: string; pid: number | null }[];
      const gone = rows.filter((r) => r.pid === null || r.pid === process.pid || !isAlive(r.pid));
      for (const r of gone) {
        this.db
          .prepare("UPDATE plan_runs SET state = 'ended', decision = 'interrupted', reason = ?, ended_at = ? WHERE id = ?")
          .run(`The process that ran it (pid ${r.pid}) stopped before it decided; the alias was not moved`, now.toISOString(), r.id);
        this.db.prepare('DELETE FROM plan_leases WHERE plan_id = ? AND plan_run_id = ?').run(r.plan_id, r.id);
      }
      return gone.map((r) => r.id);
    }).immediate();
  }

  setRunFacts(runId: string, facts: { datasetId?: string; dataVersion?: number; championRunId?: string; championVersion?: string; challengerRunId?: string }): void {
    const cols: Record<string, string> = { datasetId: 'dataset_id', dataVersion: 'data_version', championRunId: 'champion_run_id', championVersion: 'champion_version', challengerRunId: 'challenger_run_id' };
    for (const [k, v] of Object.entries(facts)) {
      if (v !== undefined) this.db.prepare(`UPDATE plan_runs SET ${cols[k]} = ? WHERE id = ?`).run(v, runId);
    }
  }

  /** Ends a plan run and frees its lease; call inside the transaction that moves the alias, if any. */
  finish(planId: string, runId: string, end: PlanRunEnd, now: Date): void {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE plan_runs SET state = 'ended', decision = ?, reason = ?, ab_json = ?, challenger_version = ?, alias_move_json = ?, ended_at = ? WHERE id = ? AND state = 'running'")
        .run(end.decision, end.reason, end.ab ? JSON.stringify(end.ab) : null, end.challengerVersion ?? null, end.aliasMove ? JSON.stringify(end.aliasMove) : null, now.toISOString(), runId);
      this.db.prepare('DELETE FROM plan_leases WHERE plan_id = ? AND plan_run_id = ?').run(planId, runId);
    }).immediate();
  }

  /** A plan run by exact id or a unique prefix. */
  resolveRun(ref: string): string {
    const rows = this.db.prepare('SELECT id FROM plan_runs WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 2').all(ref, ref.length, ref) as { id: string }[];
    if (rows.length === 1) return rows[0].id;
    if (rows.length > 1) throw new ApiError('bad_request', `Plan run id '${ref}' is ambiguous; give more characters`, { field: 'id' });
    throw new ApiError('not_found', `No plan run with id '${ref}'`, { field: 'id' });
  }

  run(id: string): PlanRunDto {
    const r = this.db.prepare(`${RUN_SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!r) throw new ApiError('not_found', `No plan run with id '${id}'`, { field: 'id' });
    return runDto(r);
  }

  runs(planId: string | null, limit: number): PlanRunDto[] {
    const rows = planId
      ? this.db.prepare(`${RUN_SELECT} WHERE r.plan_id = ? ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`).all(planId, limit)
      : this.db.prepare(`${RUN_SELECT} ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`).all(limit);
    return (rows as RunRow[]).map(runDto);
  }

  /** Plan runs of a plan that ended as failures, newest first (for retry and alert rules). */
  lastDecision(planId: string): { decision: string | null; reason: string } | null {
    return (this.db.prepare("SELECT decision, reason FROM plan_runs WHERE plan_id = ? AND state = 'ended' ORDER BY started_at DESC, rowid DESC LIMIT 1").get(planId) as { decision: string | null; reason: string } | undefined) ?? null;
  }

  addAlert(a: { planId: string | null; planName: string | null; planRunId: string | null; severity: AlertSeverity; title: string; message: string }, now: Date): AlertDto {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO alerts (id, plan_id, plan_name, plan_run_id, severity, title, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.planId, a.planName, a.planRunId, a.severity, a.title, a.message, now.toISOString());
    return { id, ...a, createdAt: now.toISOString(), readAt: null };
  }

  alerts(unreadOnly: boolean, limit: number): AlertDto[] {
    const rows = this.db
      .prepare(`SELECT * FROM alerts ${unreadOnly ? 'WHERE read_at IS NULL' : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(limit) as { id: string; plan_id: string | null; plan_name: string | null; plan_run_id: string | null; severity: AlertSeverity; title: string; message: string; created_at: string; read_at: string | null }[];
    return rows.map((r) => ({ id: r.id, planId: r.plan_id, planName: r.plan_name, planRunId: r.plan_run_id, severity: r.severity, title: r.title, message: r.message, createdAt: r.created_at, readAt: r.read_at }));
  }

  markRead(ids: string[] | undefined, now: Date): number {
    const at = now.toISOString();
    if (!ids) return this.db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL').run(at).changes;
    const stmt = this.db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL AND (id = ? OR substr(id, 1, length(?)) = ?)');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(at, id, id, id).changes, 0)).immediate();
  }
}

function runDto(r: RunRow): PlanRunDto {
  return {
    id: r.id, planId: r.plan_id, planName: r.plan_name, trigger: r.trigger as PlanRunDto['trigger'], triggerNote: r.trigger_note,
    state: r.state as PlanRunDto['state'], decision: r.decision as PlanRunDto['decision'], reason: r.reason,
    datasetId: r.dataset_id, dataVersion: r.data_version, championRunId: r.champion_run_id, championVersion: r.champion_version,
    challengerRunId: r.challenger_run_id, challengerVersion: r.challenger_version,
    ab: r.ab_json ? JSON.parse(r.ab_json) : null, aliasMove: r.alias_move_json ? JSON.parse(r.alias_move_json) : null,
    pid: r.pid, startedAt: r.started_at, endedAt: r.ended_at,
  };
}

/** Stored triggers with the fields added since they were written filled from their defaults. */
function storedTriggers(json: string): PlanSpec['triggers'] {
  return planTriggers.parse(JSON.parse(json));
}
