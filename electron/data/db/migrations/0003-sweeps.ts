import type { Migration } from './index';

/** Hyper-parameter sweeps: the search, and which runs are its trials. */
export const m0003: Migration = {
  version: 3,
  name: 'sweeps',
  sql: `
CREATE TABLE sweeps (
  id TEXT PRIMARY KEY,
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  spec_json TEXT NOT NULL,
  status TEXT NOT NULL,
  best_run_id TEXT,
  created_at TEXT NOT NULL,
  ended_at TEXT
);
ALTER TABLE runs ADD COLUMN sweep_id TEXT REFERENCES sweeps(id);
ALTER TABLE runs ADD COLUMN stopped_early INTEGER NOT NULL DEFAULT 0;
CREATE INDEX runs_sweep ON runs(sweep_id);
`,
};
