import type { ArgsOf } from '../../../shared/api/contract';
import { familySpec, suggestedSpace, sweepDimProblem, taskOf, MAX_AUTO_CLASSES, type Family, type Task } from '../../../shared/families/index';
import { parseDim } from '../../../shared/families/space';

export type SweepMethod = 'grid' | 'random' | 'tpe';

export interface SpaceRow {
  key: string;
  kind: 'range' | 'choices';
  lo: string;
  hi: string;
  log: boolean;
  /** `a|b|c` (commas work too). */
  choices: string;
}

export interface FixedRow {
  key: string;
  value: string;
}

export interface SweepForm {
  dataset: string;
  target: string;
  family: Family;
  method: SweepMethod;
  trials: string;
  metric: string;
  space: SpaceRow[];
  fixed: FixedRow[];
  stopEarly: boolean;
}

const range = (key: string, lo: string, hi: string, log = false): SpaceRow => ({ key, kind: 'range', lo, hi, log, choices: '' });

/** A family's first search space, from its schema's suggested ranges. */
function defaultSpace(family: Family): SpaceRow[] {
  return suggestedSpace(family).map((spec) => {
    const dim = parseDim(spec);
    return dim.kind === 'choice'
      ? { key: dim.name, kind: 'choices', lo: '', hi: '', log: false, choices: dim.choices.join('|') }
      : range(dim.name, String(dim.lo), String(dim.hi), dim.log);
  });
}

export const emptySpaceRow = (): SpaceRow => range('', '', '');

export function emptySweepForm(dataset = '', target = ''): SweepForm {
  return { dataset, target, family: 'gbdt', method: 'tpe', trials: '20', metric: '', space: defaultSpace('gbdt'), fixed: [], stopEarly: true };
}

/** A new family starts from its own space and fixed parameters. */
export const withFamily = (f: SweepForm, family: Family): SweepForm => ({ ...f, family, space: defaultSpace(family), fixed: [] });

/** Parameter names the family knows, offered as suggestions. */
export const paramKeys = (family: Family) => Object.keys(familySpec(family).params);

/** The form lists the family's parameters above the rows, so the error only names the wrong one. */
const unknownKey = (family: Family, key: string) => `${family} has no parameter '${key}'.`;

const REGRESSION_OBJECTIVES = ['rmse', 'mae', 'r2', 'mape'];
const CLASSIFICATION_OBJECTIVES = ['logloss', 'accuracy', 'f1', 'auc', 'prAuc'];
const ALL_OBJECTIVES = [...REGRESSION_OBJECTIVES, ...CLASSIFICATION_OBJECTIVES];

/** The objectives a sweep may optimise for this task (all of them until the task is known). */
export function objectivesFor(task: Task | null): string[] {
  if (task === 'regression') return REGRESSION_OBJECTIVES;
  if (task === 'binary' || task === 'multiclass') return CLASSIFICATION_OBJECTIVES;
  return ALL_OBJECTIVES;
}

/**
 * The task the host will decide for a target (shared/families/task.ts), from the column's type
 * and its first distinct values (MAX_AUTO_CLASSES + 1 are enough).
 */
export function targetTask(type: string, distinct: readonly (string | number | null)[]): Task {
  const values = distinct.filter((v): v is string | number => v !== null).slice(0, MAX_AUTO_CLASSES + 1);
  return taskOf({ numeric: type === 'integer' || type === 'float', boolean: type === 'boolean', distinct: values });
}

const choicesOf = (s: string) =>
  s
    .split(/[|]/)
    .map((c) => c.trim())
    .filter(Boolean);

/** The row as the host reads it: `maxDepth=3..8`, `learningRate=0.01..0.3:log`, `growth=depthwise|leafwise`. */
export function spaceString(r: SpaceRow): string {
  const key = r.key.trim();
  if (r.kind === 'choices') return `${key}=${choicesOf(r.choices).join('|')}`;
  return `${key}=${r.lo.trim()}..${r.hi.trim()}${r.log ? ':log' : ''}`;
}

/** A fixed parameter as typed: the host converts and checks it with the family's schema. */
export function fixedValue(v: string): string {
  return v.trim();
}

const isNum = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** Field errors keyed `dataset`, `target`, `trials`, `space.<i>`, `fixed.<i>`. */
export function validateSweep(f: SweepForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.dataset) e.dataset = 'Choose a dataset.';
  if (!f.target) e.target = 'Choose the column to predict.';
  const n = Number(f.trials);
  if (!Number.isInteger(n) || n < 1 || n > 500) e.trials = 'A whole number from 1 to 500.';
  if (f.space.length === 0) e.space = 'Add at least one parameter to search.';
  const seen = new Set<string>();
  const known = new Set(paramKeys(f.family));
  const dup = (key: string) => (seen.has(key) ? true : (seen.add(key), false));
  f.space.forEach((r, i) => {
    const key = r.key.trim();
    const at = `space.${i}`;
    if (!/^[A-Za-z_][\w.]*$/.test(key)) e[at] = 'A parameter name, e.g. maxDepth.';
    else if (dup(key)) e[at] = `${key} is listed twice.`;
    else if (!known.has(key)) e[at] = unknownKey(f.family, key);
    else if (r.kind === 'choices') {
      if (choicesOf(r.choices).length < 2) e[at] = 'At least two choices, separated by |.';
    } else if (!isNum(r.lo) || !isNum(r.hi)) e[at] = 'Both ends of the range must be numbers.';
    else if (Number(r.lo) >= Number(r.hi)) e[at] = 'The low end must be below the high end.';
    else if (r.log && Number(r.lo) <= 0) e[at] = 'A log range must be above 0.';
    if (e[at]) return;
    // The host's own check of the family's schema: kind and limits (maxDepth must be in [1, 32]…).
    try {
      const why = sweepDimProblem(f.family, parseDim(spaceString(r)));
      if (why) e[at] = `${why}.`;
    } catch (err) {
      e[at] = (err as Error).message;
    }
  });
  f.fixed.forEach((r, i) => {
    const key = r.key.trim();
    if (!key && !r.value.trim()) return;
    if (!/^[A-Za-z_][\w.]*$/.test(key)) e[`fixed.${i}`] = 'A parameter name, e.g. trees.';
    else if (!known.has(key)) e[`fixed.${i}`] = unknownKey(f.family, key);
    else if (dup(key)) e[`fixed.${i}`] = `${key} is also searched or listed twice.`;
    else if (!r.value.trim()) e[`fixed.${i}`] = 'Give it a value.';
  });
  return e;
}

export function toSweepArgs(f: SweepForm): ArgsOf<'sweeps.start'> {
  const params = Object.fromEntries(f.fixed.filter((r) => r.key.trim()).map((r) => [r.key.trim(), fixedValue(r.value)]));
  return {
    dataset: f.dataset,
    target: f.target,
    family: f.family,
    method: f.method,
    trials: Number(f.trials),
    space: f.space.map(spaceString),
    params,
    stopEarly: f.stopEarly,
    ...(f.metric ? { metric: f.metric as ArgsOf<'sweeps.start'>['metric'] } : {}),
  };
}
