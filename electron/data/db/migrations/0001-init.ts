import type { Migration } from './index';

export const m0001: Migration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source_path TEXT,
  source_sha256 TEXT,
  format TEXT NOT NULL,
  row_count INTEGER NOT NULL DEFAULT 0,
  table_name TEXT NOT NULL UNIQUE,
  options_json TEXT NOT NULL DEFAULT '{}',
  profile_json TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE dataset_columns (
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  missing INTEGER NOT NULL DEFAULT 0,
  stats_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (dataset_id, position)
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  dataset_id TEXT REFERENCES datasets(id),
  test_dataset_id TEXT REFERENCES datasets(id),
  target TEXT,
  task TEXT,
  family TEXT,
  status TEXT NOT NULL,
  split_json TEXT NOT NULL DEFAULT '{}',
  seed INTEGER,
  dataset_sha256 TEXT,
  backend TEXT,
  versions_json TEXT NOT NULL DEFAULT '{}',
  metrics_json TEXT,
  notes TEXT NOT NULL DEFAULT '',
  tags_json TEXT NOT NULL DEFAULT '[]',
  job_id TEXT,
  duration_ms INTEGER,
  created_at TEXT NOT NULL,
  ended_at TEXT
);

CREATE TABLE run_params (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value_json TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);

CREATE TABLE metric_points (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  step INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, name, step)
) WITHOUT ROWID;

CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX artifacts_run ON artifacts(run_id);

CREATE TABLE model_versions (
  id TEXT PRIMARY KEY,
  model_name TEXT NOT NULL,
  version TEXT NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs(id),
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (model_name, version)
);

CREATE TABLE aliases (
  model_name TEXT NOT NULL,
  alias TEXT NOT NULL,
  version_id TEXT NOT NULL REFERENCES model_versions(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (model_name, alias)
);

CREATE TABLE alias_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_name TEXT NOT NULL,
  alias TEXT NOT NULL,
  from_version_id TEXT REFERENCES model_versions(id),
  to_version_id TEXT REFERENCES model_versions(id),
  action TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  message TEXT,
  eta_ms INTEGER,
  args_json TEXT NOT NULL DEFAULT '{}',
  result_json TEXT,
  error_json TEXT,
  pid INTEGER,
  created_at TEXT NOT NULL,
  started_at TEXT,
  ended_at TEXT
);
CREATE INDEX jobs_status ON jobs(status);
`,
};
