/** What a dataset holds as time series, before anything is fitted: `forecast.detect`, and the host's checks. */
import type { Database } from 'better-sqlite3';
import type { ForecastDetectionDto } from '../../../shared/api/forecast-dto';
import { formatTimestamp, type DuplicateRule } from '../../../models/forecast/series';
import { readForecastRows, type ForecastRoles } from './columns';
import { buildGridSeries, seriesLabel, type GridSeries } from './series';

/** Gaps longer than this share of a series are worth a note. */
const LONG_GAP_SHARE = 0.1;
/** At most this many gaps and duplicates are listed (the counts per series stay exact). */
const MAX_LISTED = 1000;

export interface Detection {
  dto: ForecastDetectionDto;
  series: GridSeries[];
}

export function detectSeries(db: Database, datasetId: string, roles: Pick<ForecastRoles, 'time' | 'target' | 'series'>, rule: DuplicateRule): Detection {
  const rows = readForecastRows(db, datasetId, { ...roles, covariates: [], futureCovariates: [] });
  const series = buildGridSeries(rows, rule, roles.series, roles.time);
  return { dto: describeSeries(series, rule, roles.series), series };
}

export function describeSeries(series: readonly GridSeries[], rule: DuplicateRule, seriesColumn: string | undefined): ForecastDetectionDto {
  const frequency = series[0].series.frequency;
  const seasonalPeriods = [...series[0].series.seasonalPeriods];
  const notes: string[] = [];
  const gaps: ForecastDetectionDto['gaps'] = [];
  const duplicates: ForecastDetectionDto['duplicates'] = [];
  const rows = series.map(({ id, series: s }) => {
    const missingAtGaps = s.gaps.reduce((a, g) => a + g.length, 0);
    for (const g of s.gaps) if (gaps.length < MAX_LISTED) gaps.push({ series: id, start: g.start, length: g.length });
    for (const d of s.duplicates) if (duplicates.length < MAX_LISTED) duplicates.push({ series: id, timestamp: d.timestamp, count: d.count });
    const longest = s.gaps.reduce((a, g) => (g.length > a.length ? g : a), { start: 0, length: 0 });
    if (longest.length > LONG_GAP_SHARE * s.values.length) {
      notes.push(`${capital(seriesLabel(id, seriesColumn))} has a gap of ${longest.length} ${frequency} points from ${formatTimestamp(longest.start, frequency)}; it is filled as missing.`);
    }
    const n = s.values.length;
    return {
      id, points: n, start: s.timestamps[0], end: s.timestamps[n - 1], gaps: s.gaps.length,
      missing: n - s.observed - missingAtGaps, duplicates: s.duplicates.length,
    };
  });
  const shortest = Math.min(...rows.map((r) => r.points));
  // Only seasons two whole cycles of the shortest series can show are proposed; the others are named.
  const tooLong = seasonalPeriods.filter((p, i) => i > 0 && shortest < Math.ceil(2 * p));
  for (const p of tooLong) {
    notes.push(`A season of ${p} steps needs ${Math.ceil(2 * p)} points (two seasons); the shortest series has ${shortest}, so it is not proposed.`);
    seasonalPeriods.splice(seasonalPeriods.indexOf(p), 1);
  }
  const dominant = seasonalPeriods[0];
  const minSeasons = dominant ? Math.floor(shortest / dominant) : 0;
  if (dominant && minSeasons < 2) {
    notes.push(`The shortest series has ${shortest} points, fewer than two seasons of ${dominant}: seasonal models will leave that season out.`);
  }
  const future = series.filter((g) => g.future.length > 0);
  if (future.length > 0) {
    const steps = Math.max(...future.map((g) => g.future.length));
    notes.push(`${future.length === series.length ? 'Every series ends' : `${future.length} series end`} with up to ${steps} time points without a value: they are read as the future (its known covariates and events), not as history.`);
  }
  if (duplicates.length > 0 && rule !== 'error') {
    notes.push(`${duplicates.length === 1 ? '1 time point has' : `${duplicates.length} time points have`} several rows; they are combined by ${rule}.`);
  }
  return { frequency, series: rows, gaps, duplicates, duplicateRule: rule, seasonalPeriods, minSeasons, notes };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
