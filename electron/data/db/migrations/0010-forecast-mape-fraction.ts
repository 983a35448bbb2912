import type { Migration } from './index';

/** A forecast run's row, as the host records one (createForecast). */
const FORECAST_RUN = `(task = 'forecast' OR forecast_json IS NOT NULL)`;
const isNumber = (doc: string, path: string) => `json_type(${doc}, '${path}') IN ('integer', 'real')`;
const divide = (doc: string, path: string) => `json_set(${doc}, '${path}', json_extract(${doc}, '${path}') / 100.0)`;

/** A report artifact: JSON text stored as a BLOB (JSON functions read a BLOB as JSONB, so it is cast). */
const REPORT = 'CAST(data AS TEXT)';
const FORECAST_REPORT = `kind = 'report' AND run_id IN (SELECT id FROM runs WHERE ${FORECAST_RUN}) AND json_valid(${REPORT})`;

/** The report's number at `path` divided by 100 (NaN was written as null and stays so). */
const reportOne = (path: string) => `
UPDATE artifacts SET data = CAST(${divide(REPORT, path)} AS BLOB)
  WHERE ${FORECAST_REPORT} AND ${isNumber(REPORT, path)};`;

/** `inner` divided in each element of the report's array at `array`, the elements kept in order. */
const reportEach = (array: string, inner: string) => `
UPDATE artifacts SET data = CAST(json_set(${REPORT}, '${array}', json((
    SELECT json_group_array(json(CASE WHEN ${isNumber('e.value', inner)} THEN ${divide('e.value', inner)} ELSE e.value END) ORDER BY e.key)
    FROM json_each(${REPORT}, '${array}') AS e))) AS BLOB)
  WHERE ${FORECAST_REPORT} AND json_type(${REPORT}, '${array}') = 'array';`;

/**
 * MAPE is a fraction for every task (shared/metric-units.ts); forecast runs recorded it in percent
 * until now. Their stored values are divided by 100: the run's metrics (which sweeps, the registry
 * and Compare read), its report (pooled, per step, per candidate, per series) and the results of the
 * jobs that fitted them; a forecast comparison on MAPE kept its Diebold–Mariano mean difference in
 * percentage points too. sMAPE stays in percent. The reports' sha256 and size are recomputed with
 * lathe_sha256, which the migration runner registers.
 */
export const m0010: Migration = {
  version: 10,
  name: 'forecast-mape-fraction',
  sql: `
UPDATE runs SET metrics_json = ${divide('metrics_json', '$.mape')}
  WHERE ${FORECAST_RUN} AND json_valid(metrics_json) AND ${isNumber('metrics_json', '$.mape')};
${reportOne('$.metrics.mape')}
${reportEach('$.perStep', '$.mape')}
${reportEach('$.candidates', '$.metrics.mape')}
${reportEach('$.series', '$.metrics.mape')}
UPDATE artifacts SET sha256 = lathe_sha256(data), size = length(data) WHERE ${FORECAST_REPORT};

UPDATE jobs SET result_json = ${divide('result_json', '$.metrics.mape')}
  WHERE kind = 'forecast.train' AND json_valid(result_json) AND ${isNumber('result_json', '$.metrics.mape')};

UPDATE jobs SET result_json = ${divide('result_json', '$.dieboldMariano.meanDiff')}
  WHERE kind = 'runs.compare' AND json_valid(result_json) AND json_extract(result_json, '$.metric') = 'mape'
    AND ${isNumber('result_json', '$.dieboldMariano.meanDiff')};
`,
};
