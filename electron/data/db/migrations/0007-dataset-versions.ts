import type { Migration } from './index';

/**
 * Datasets grow by versions: an append adds a row range to the current table, a changed source
 * re-imported becomes a table of its own (the older table stays for the runs that read it).
 * Every dataset so far is its version 1, and every run so far trained on version 1.
 */
export const m0007: Migration = {
  version: 7,
  name: 'dataset-versions',
  sql: `
CREATE TABLE dataset_versions (
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  table_name TEXT NOT NULL,
  first_row INTEGER NOT NULL,
  last_row INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  appended INTEGER NOT NULL,
  sha256 TEXT,
  source_path TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (dataset_id, version)
);
INSERT INTO dataset_versions (dataset_id, version, kind, table_name, first_row, last_row, rows, appended, sha256, source_path, created_at)
  SELECT id, 1, 'import', table_name, 1, row_count, row_count, row_count, source_sha256, source_path, created_at FROM datasets;
ALTER TABLE runs ADD COLUMN dataset_version INTEGER;
UPDATE runs SET dataset_version = 1 WHERE dataset_id IS NOT NULL;
`,
};
