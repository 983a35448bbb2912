import type { TrainingDeviceDto } from './device-dto';
import type { RunDetailDto } from './runs-dto';

/** The training device of any run that trained a network: tabular and text runs, LSTM forecasts, NCF recommenders. */
export function runDeviceOf(run: Pick<RunDetailDto, 'report' | 'forecast' | 'recommend'>): TrainingDeviceDto | null {
  return run.report?.device ?? run.forecast?.device ?? run.recommend?.device ?? null;
}
