import type { Migration } from './index';

/** A forecast run's resolved arguments (roles, horizon, seasons, protocol), so a re-run replays them exactly. */
export const m0004: Migration = {
  version: 4,
  name: 'forecast-runs',
  sql: `
ALTER TABLE runs ADD COLUMN forecast_json TEXT;
`,
};
