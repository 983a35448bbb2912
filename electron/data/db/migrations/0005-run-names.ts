import type { Migration } from './index';

/** A run's own name, given by the user (null: the list shows family and short id). */
export const m0005: Migration = {
  version: 5,
  name: 'run-names',
  sql: `
ALTER TABLE runs ADD COLUMN name TEXT;
`,
};
