/** What the host answers about retraining plans, their runs and the alerts they raise (plain JSON). */
import type { CompareResultDto } from '../api/runs-dto';
import type { PlanDecision, PlanMode, PlanSource, PlanTrigger, PlanTriggers } from './plan';

export interface PlanDto {
  id: string;
  name: string;
  model: string;
  alias: string;
  source: PlanSource;
  triggers: PlanTriggers;
  margin: number;
  mode: PlanMode;
  incremental: boolean;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
  /** The schedule's next firing (null: no schedule, or paused). Missed firings run once, at the next start. */
  nextDueAt: string | null;
  lastFiredAt: string | null;
  /** The process running the plan now (its lease), if any. */
  runningPid: number | null;
  lastRun: PlanRunDto | null;
}

/**
 * Champion (A) against challenger (B) on the same held-out rows: the paired comparison as `runs.compare`
 * words it, plus which rows were used and the rule the decision applied.
 */
export interface PlanAbDto extends CompareResultDto {
  mode: PlanMode;
  /** How the rows were chosen (held out from both models) and how many there were. */
  rowsNote: string;
  /** What `rows` counts: table rows, forecast points (series × steps) or recommender users; absent means rows. */
  unit?: 'rows' | 'points' | 'users';
}

export interface PlanRunDto {
  id: string;
  planId: string;
  planName: string;
  trigger: PlanTrigger;
  /** Why the trigger fired, in words ("schedule 0 3 * * * due at …", "1,204 new rows ≥ 1,000"). */
  triggerNote: string;
  state: 'running' | 'ended';
  /** Null while running. */
  decision: PlanDecision | null;
  reason: string;
  datasetId: string | null;
  /** The dataset version the challenger trained on. */
  dataVersion: number | null;
  championRunId: string | null;
  championVersion: string | null;
  challengerRunId: string | null;
  /** The registered version the challenger became (promoted runs only). */
  challengerVersion: string | null;
  ab: PlanAbDto | null;
  /** The alias move a promotion made (recorded in the model's alias history too). */
  aliasMove: { alias: string; fromVersion: string | null; toVersion: string } | null;
  pid: number | null;
  startedAt: string;
  endedAt: string | null;
}

export interface PlanDetailDto extends PlanDto {
  /** Newest first. */
  runs: PlanRunDto[];
}

/** Whether this process's scheduler looks for due plans, and which scheduled plan fires next. */
export interface SchedulerStateDto {
  /** The desktop app and `lathe serve` run one; other CLI commands do not (`lathe automation daemon` does). */
  on: boolean;
  /** How often it looks for due plans and checks the condition triggers. */
  tickMs: number;
  /** When it last looked, or null (not yet, or off). */
  lastTickAt: string | null;
  /** The earliest next firing of an active plan's schedule. */
  next: { planId: string; planName: string; at: string } | null;
  /** Active plans with a condition trigger (rows, drift, metric), checked at every tick. */
  watching: number;
}

export type AlertSeverity = 'info' | 'warning' | 'error';

/** One line of the inbox: a plan's decision or failure. */
export interface AlertDto {
  id: string;
  planId: string | null;
  planName: string | null;
  planRunId: string | null;
  severity: AlertSeverity;
  title: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}
