import type { Migration } from './index';

/**
 * Deployments served by `lathe serve-model`, imported from their prediction and decision logs. A
 * deployment is keyed by its name; `fingerprint` (sha256 over the imported files) makes a
 * re-import of the same logs a no-op, and changed logs replace the derived rows in one transaction.
 * Rollbacks the server made are also rows of alias_history; `alias_history_id` links the step to
 * its row so a re-import never writes one twice.
 */
export const m0009: Migration = {
  version: 9,
  name: 'deployments',
  sql: `
CREATE TABLE deployments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  model_name TEXT,
  policy TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  source TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  started_at TEXT,
  ended_at TEXT,
  requests INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  versions_json TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE deployment_windows (
  deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  version TEXT NOT NULL,
  requests INTEGER NOT NULL,
  share REAL NOT NULL,
  metrics_json TEXT NOT NULL,
  PRIMARY KEY (deployment_id, window_start, version)
);

CREATE TABLE deployment_steps (
  deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  traffic_json TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  alias_history_id INTEGER REFERENCES alias_history(id),
  PRIMARY KEY (deployment_id, step)
);

CREATE TABLE deployment_comparisons (
  deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  version_a TEXT NOT NULL,
  version_b TEXT NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (deployment_id, metric, version_a, version_b)
);
`,
};
