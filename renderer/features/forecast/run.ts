import type { ForecastReportDto } from '../../../shared/api/forecast-dto';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { RunDetailDto } from '../../../shared/api/runs-dto';

/** A run as the host sends it for forecasts: the ordinary run plus its report and resolved arguments. */
export type ForecastRunDetail = RunDetailDto & { forecast?: ForecastReportDto | null; forecastSpec?: ForecastArgs | null };

/** Forecast runs get their own page instead of the tabular report. */
export const isForecastRun = (run: Pick<RunDetailDto, 'task'>) => String(run.task) === 'forecast';

export const forecastReportOf = (run: RunDetailDto): ForecastReportDto | null => (run as ForecastRunDetail).forecast ?? null;

/** What the run was asked for, resolved by the host (datasets by id, seasons and parameters explicit). */
export const forecastSpecOf = (run: RunDetailDto): ForecastArgs | null => (run as ForecastRunDetail).forecastSpec ?? null;

/** The model the run asked for: the report's once done, the stored arguments' before; the run's family names it too. */
export function forecastModelOf(run: RunDetailDto): string {
  return forecastReportOf(run)?.model ?? forecastSpecOf(run)?.model ?? run.family ?? 'forecast';
}
