import type { Migration } from './index';

/**
 * Retraining plans: the plan, its schedule state (next due, last fired: missed firings are caught up
 * once), one lease per plan (two processes never run a plan at once), every plan run with its
 * decision, and the alerts of the inbox.
 */
export const m0008: Migration = {
  version: 8,
  name: 'automation',
  sql: `
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  model_name TEXT NOT NULL,
  alias TEXT NOT NULL,
  source_json TEXT NOT NULL,
  triggers_json TEXT NOT NULL,
  margin REAL NOT NULL,
  mode TEXT NOT NULL,
  incremental INTEGER NOT NULL DEFAULT 0,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE plan_schedule (
  plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  next_due_at TEXT,
  last_fired_at TEXT
);
CREATE TABLE plan_leases (
  plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  holder TEXT NOT NULL,
  pid INTEGER NOT NULL,
  plan_run_id TEXT,
  expires_at TEXT NOT NULL
);
CREATE TABLE plan_runs (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  trigger TEXT NOT NULL,
  trigger_note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  decision TEXT,
  reason TEXT NOT NULL DEFAULT '',
  dataset_id TEXT,
  data_version INTEGER,
  champion_run_id TEXT,
  champion_version TEXT,
  challenger_run_id TEXT,
  challenger_version TEXT,
  ab_json TEXT,
  alias_move_json TEXT,
  pid INTEGER,
  started_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX plan_runs_by_plan ON plan_runs (plan_id, started_at);
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  plan_id TEXT REFERENCES plans(id) ON DELETE SET NULL,
  plan_name TEXT,
  plan_run_id TEXT,
  severity TEXT NOT NULL,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX alerts_by_time ON alerts (created_at);
`,
};
