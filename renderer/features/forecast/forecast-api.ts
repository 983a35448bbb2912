import type { z } from 'zod';
import type { forecastArgs, forecastMethods } from '../../../shared/api/methods/forecast';
import type { ForecastDetectionDto } from '../../../shared/api/forecast-dto';
import { api } from '../../api/client';

export type DetectArgs = z.input<(typeof forecastMethods)['forecast.detect']['args']>;
export type StartArgs = z.input<typeof forecastArgs>;

// The forecast methods' types come from their own module, so the calls stay typed whether or
// not the contract's method table lists them yet.
type NamedInvoke = (method: string, args: unknown) => Promise<unknown>;
const invoke = api.invoke as unknown as NamedInvoke;

export const detectForecast = (args: DetectArgs) => invoke('forecast.detect', args) as Promise<ForecastDetectionDto>;
export const startForecast = (args: StartArgs) => invoke('forecast.start', args) as Promise<{ runId: string; jobId: string }>;
