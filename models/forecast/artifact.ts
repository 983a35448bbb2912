/**
 * A forecast run's stored model: what was fitted on which series, enough to forecast again from new
 * history without the training data. The host stores it as the run's artifact; the export bundle ships it.
 */
import type { Frequency } from './frequency';
import type { FamilyName, ModelJson } from './types';

export interface ForecastArtifact {
  kind: 'forecast';
  version: 1;
  model: FamilyName;
  frequency: Frequency;
  horizon: number;
  levels: number[];
  seasonalPeriods: number[];
  /** Column roles as the dataset named them. */
  columns: { time: string; target: string; series: string | null; covariates: string[]; futureCovariates: string[]; events: string | null };
  /** Each series: its id (the series column's value, or '' for one series), first grid time and fitted length. */
  series: { id: string; start: number; length: number }[];
  /** Per-series families: one model JSON per series, in `series` order. */
  perSeries: ModelJson[] | null;
  /** Global families (gbdt, lstm): one JSON for all series. */
  global: ModelJson | null;
  /** Resolved parameters (shared/families/forecast.ts). */
  params: Record<string, unknown>;
  seed: number;
}
