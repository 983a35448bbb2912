/** What a run predicts, decided once from the target column and stored on the run. */
export type Task = 'regression' | 'binary' | 'multiclass';
export const TASKS: readonly Task[] = ['regression', 'binary', 'multiclass'];

/** Integer-valued numeric targets with at most this many distinct values are treated as classes. */
export const MAX_AUTO_CLASSES = 10;

/** What the rule needs to know of a target: its type and up to MAX_AUTO_CLASSES + 1 distinct values. */
export interface TargetSummary {
  numeric: boolean;
  boolean: boolean;
  /** Distinct non-missing values; more than MAX_AUTO_CLASSES + 1 need not be listed. */
  distinct: readonly (string | number)[];
}

/**
 * Non-numeric targets: binary with <= 2 values, else multiclass.
 * Numeric targets: binary with <= 2 distinct values; multiclass when all
 * values are integers and there are few of them; otherwise regression.
 */
export function taskOf(t: TargetSummary): Task {
  if (t.distinct.length <= 2) return 'binary';
  if (!t.numeric || t.boolean) return 'multiclass';
  const integers = t.distinct.every((v) => typeof v === 'number' && Number.isInteger(v));
  return integers && t.distinct.length <= MAX_AUTO_CLASSES ? 'multiclass' : 'regression';
}

/** The metric a task is judged by when none is named (sweeps minimise it, compare tests it). */
export function defaultObjective(task: Task): { metric: 'rmse' | 'logloss'; lowerIsBetter: boolean } {
  return task === 'regression' ? { metric: 'rmse', lowerIsBetter: true } : { metric: 'logloss', lowerIsBetter: true };
}
