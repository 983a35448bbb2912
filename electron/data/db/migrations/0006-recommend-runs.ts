import type { Migration } from './index';

/** A recommender run's resolved arguments (columns, feature datasets, split, k, parameters), so a re-run replays them exactly. */
export const m0006: Migration = {
  version: 6,
  name: 'recommend-runs',
  sql: `
ALTER TABLE runs ADD COLUMN recommend_json TEXT;
`,
};
