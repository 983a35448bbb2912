import type { ForecastReportDto } from '../../../shared/api/forecast-dto';
import type { ForecastArgs } from '../../../shared/api/methods/forecast';
import type { RunDetailDto } from '../../../shared/api/runs-dto';

/** Forecast runs get their own page instead of the tabular report. */
export const isForecastRun = (run: Pick<RunDetailDto, 'task'>) => run.task === 'forecast';

export const forecastReportOf = (run: RunDetailDto): ForecastReportDto | null => run.forecast ?? null;

/** What the run was asked for, resolved by the host (datasets by id, seasons and parameters explicit). */
export const forecastSpecOf = (run: RunDetailDto): ForecastArgs | null => run.forecastSpec ?? null;

/** The model the run asked for: the report's once done, the stored arguments' before; the run's family names it too. */
export function forecastModelOf(run: RunDetailDto): string {
  return forecastReportOf(run)?.model ?? forecastSpecOf(run)?.model ?? run.family ?? 'forecast';
}
