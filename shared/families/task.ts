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

/** A classification target with more classes than this is refused unless the check is overridden. */
export const MAX_CLASSES = 100;
/** More distinct values than this share of the labelled rows: an id or free text, not a class. */
export const ID_LIKE_SHARE = 0.5;

/** What the learnability check needs of a classification target. */
export interface ClassSummary {
  column: string;
  /** Labelled rows (target not missing). */
  rows: number;
  classes: number;
  /** The rarest class and its row count. */
  rarest: { value: string | number; count: number };
  /** Rows the split will hold out for testing (null: not known before training, e.g. k-fold). */
  testRows: number | null;
}

/**
 * Why a classification target cannot be learned as asked, or null. Checked before training so a
 * review-text column never "succeeds" as a thousand-class model; `allowAnyTarget` overrides it.
 */
export function classTargetProblem(s: ClassSummary): string | null {
  if (s.classes > MAX_CLASSES) {
    const idLike = s.classes > ID_LIKE_SHARE * s.rows ? ' — nearly every value is distinct, like an id or free text' : '';
    return `'${s.column}' has ${s.classes.toLocaleString('en-US')} distinct values${idLike}; a classifier here takes at most ${MAX_CLASSES} classes`;
  }
  if (s.rarest.count < 2) return `class '${s.rarest.value}' of '${s.column}' has a single row: it can be neither learned nor tested`;
  if (s.testRows !== null && s.testRows < s.classes) {
    return `the test split would hold ${s.testRows} rows for ${s.classes} classes of '${s.column}'; use a larger test share or k-fold`;
  }
  return null;
}
