import type { Migration } from './index';

/** What a run was asked for, beyond the first schema: excluded columns and the requested task. */
export const m0002: Migration = {
  version: 2,
  name: 'run-spec',
  sql: `
ALTER TABLE runs ADD COLUMN exclude_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE runs ADD COLUMN requested_task TEXT;
ALTER TABLE runs ADD COLUMN error TEXT;
CREATE INDEX runs_dataset ON runs(dataset_id, created_at);
`,
};
