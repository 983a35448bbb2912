/** Live metrics of a model version from outcomes joined to its predictions (monitor.outcomes). */

/** A metric of one window with its 95 % interval. */
export interface OutcomeMetricDto {
  value: number;
  /** Null when the window has too few rows for an interval (fewer than 2). */
  lower: number | null;
  upper: number | null;
}

export interface OutcomeWindowDto {
  /** '2024-03-04' (day), 'week of 2024-03-04' (weeks start on Monday, UTC), or 'rows 1–500'. */
  label: string;
  /** Epoch ms of the window's start and end (exclusive) for time windows; null for row windows. */
  start: number | null;
  end: number | null;
  /** Joined rows in the window. */
  n: number;
  /** regression: mae, rmse, bias (mean of predicted − actual); classification: accuracy. */
  metrics: Record<string, OutcomeMetricDto>;
}

/** What the join of outcomes to predictions gives, per window and overall. */
export interface OutcomeJoinDto {
  /** Windows in time order (row windows: in the order of the time column, else the outcomes' order). */
  windows: OutcomeWindowDto[];
  overall: OutcomeWindowDto;
  matched: number;
  /** Outcomes whose key has no prediction; predictions without an outcome yet. */
  unmatchedOutcomes: number;
  awaitingOutcome: number;
  notes: string[];
}

export interface OutcomesReportDto extends OutcomeJoinDto {
  /** NAME@VERSION as asked. */
  model: string;
  task: 'regression' | 'classification';
  /** The headline metric, as the registry judges versions: rmse (lower is better) or accuracy. */
  metric: 'rmse' | 'accuracy';
  lowerIsBetter: boolean;
  /** The version's own test score of the headline metric, when its run has one. */
  baseline: number | null;
  /** The columns the join read. */
  columns: { key: string; predicted: string; actual: string; time: string | null };
  window: { by: 'day' | 'week' } | { rows: number };
}
