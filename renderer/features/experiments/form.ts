import type { ArgsOf } from '../../../shared/api/contract';
import type { Family } from '../../../shared/api/runs-dto';

export type TaskChoice = 'auto' | 'regression' | 'binary' | 'multiclass';
export type SplitKind = 'random' | 'time' | 'kfold' | 'holdout';

export interface ParamDef {
  key: string;
  label: string;
  /** Default, as typed in the field. */
  value: string;
  kind: 'int' | 'float' | 'text';
  min?: number;
  max?: number;
  /** Whether the minimum itself is allowed. */
  minOpen?: boolean;
  step?: string;
  hint?: string;
}

/** The short parameter form of each family, with its defaults. */
export const FAMILY_PARAMS: Record<Family, ParamDef[]> = {
  gbdt: [
    { key: 'trees', label: 'Trees', value: '200', kind: 'int', min: 1, max: 100000 },
    { key: 'maxDepth', label: 'Max depth', value: '6', kind: 'int', min: 0, max: 64, hint: '0 = unlimited' },
    { key: 'learningRate', label: 'Learning rate', value: '0.1', kind: 'float', min: 0, minOpen: true, max: 1, step: '0.01' },
    { key: 'minChildWeight', label: 'Min child weight', value: '1', kind: 'float', min: 0, step: '0.1' },
    { key: 'l2', label: 'L2', value: '1', kind: 'float', min: 0, step: '0.1' },
    { key: 'subsample', label: 'Row subsample', value: '1', kind: 'float', min: 0, minOpen: true, max: 1, step: '0.05' },
    { key: 'colsample', label: 'Column subsample', value: '1', kind: 'float', min: 0, minOpen: true, max: 1, step: '0.05' },
    { key: 'earlyStoppingRounds', label: 'Early stopping rounds', value: '0', kind: 'int', min: 0, hint: '0 = off' },
  ],
  forest: [
    { key: 'trees', label: 'Trees', value: '100', kind: 'int', min: 1, max: 10000 },
    { key: 'maxDepth', label: 'Max depth', value: '0', kind: 'int', min: 0, max: 64, hint: '0 = unlimited' },
  ],
  linear: [{ key: 'l2', label: 'L2', value: '0.001', kind: 'float', min: 0, step: '0.001' }],
  mlp: [
    { key: 'hidden', label: 'Hidden layers', value: '64,32', kind: 'text', hint: 'units per layer, comma-separated' },
    { key: 'epochs', label: 'Epochs', value: '30', kind: 'int', min: 1, max: 10000 },
    { key: 'learningRate', label: 'Learning rate', value: '0.001', kind: 'float', min: 0, minOpen: true, max: 1, step: '0.0001' },
  ],
};

export const FAMILY_LABEL: Record<Family, string> = {
  gbdt: 'Gradient boosted trees',
  forest: 'Random forest',
  linear: 'Linear (ridge / logistic)',
  mlp: 'Neural network (MLP)',
};

export interface NewRunForm {
  dataset: string;
  target: string;
  exclude: string[];
  task: TaskChoice;
  family: Family;
  /** Per family, so switching back and forth keeps what was typed. */
  params: Record<Family, Record<string, string>>;
  split: SplitKind;
  testFraction: string;
  timeColumn: string;
  k: string;
  testDataset: string;
  seed: string;
}

const defaultsOf = (f: Family) => Object.fromEntries(FAMILY_PARAMS[f].map((p) => [p.key, p.value]));

export function emptyForm(dataset = ''): NewRunForm {
  return {
    dataset,
    target: '',
    exclude: [],
    task: 'auto',
    family: 'gbdt',
    params: { gbdt: defaultsOf('gbdt'), forest: defaultsOf('forest'), linear: defaultsOf('linear'), mlp: defaultsOf('mlp') },
    split: 'random',
    testFraction: '0.2',
    timeColumn: '',
    k: '5',
    testDataset: '',
    seed: '42',
  };
}

/** Field → message, for what can be checked before asking the host. */
export type FieldErrors = Record<string, string>;

function checkNumber(text: string, def: Pick<ParamDef, 'kind' | 'min' | 'max' | 'minOpen'>): string | null {
  if (text.trim() === '') return 'Required';
  const v = Number(text);
  if (!Number.isFinite(v)) return 'Not a number';
  if (def.kind === 'int' && !Number.isInteger(v)) return 'A whole number';
  if (def.min !== undefined && (def.minOpen ? v <= def.min : v < def.min)) return def.minOpen ? `Above ${def.min}` : `At least ${def.min}`;
  if (def.max !== undefined && v > def.max) return `At most ${def.max}`;
  return null;
}

export function validate(f: NewRunForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.dataset) e.dataset = 'Choose a dataset';
  if (!f.target) e.target = 'Choose the column to predict';
  for (const def of FAMILY_PARAMS[f.family]) {
    const text = f.params[f.family][def.key] ?? '';
    const why = def.kind === 'text' ? (/^\s*\d+(\s*,\s*\d+)*\s*$/.test(text) ? null : 'Numbers separated by commas') : checkNumber(text, def);
    if (why) e[`params.${def.key}`] = why;
  }
  if (f.split === 'random') {
    const why = checkNumber(f.testFraction, { kind: 'float', min: 0, minOpen: true, max: 0.95 });
    if (why) e['split.testFraction'] = why;
  }
  if (f.split === 'time') {
    if (!f.timeColumn) e['split.column'] = 'Choose the column that orders the rows';
    const why = checkNumber(f.testFraction, { kind: 'float', min: 0, minOpen: true, max: 0.95 });
    if (why) e['split.testFraction'] = why;
  }
  if (f.split === 'kfold') {
    const why = checkNumber(f.k, { kind: 'int', min: 2, max: 20 });
    if (why) e['split.k'] = why;
  }
  if (f.split === 'holdout' && !f.testDataset) e.testDataset = 'Choose the test dataset';
  const seedWhy = checkNumber(f.seed, { kind: 'int', min: 0 });
  if (seedWhy) e.seed = seedWhy;
  return e;
}

type StartArgs = ArgsOf<'runs.start'>;
const DEFAULT_HIDDEN = '64,32';

/** The form as `runs.start` arguments; call only once `validate` found nothing. */
export function toArgs(f: NewRunForm): StartArgs {
  const params: Record<string, number | string> = {};
  for (const def of FAMILY_PARAMS[f.family]) {
    const text = f.params[f.family][def.key].trim();
    params[def.key] = def.kind === 'text' ? text.replace(/\s+/g, '') : Number(text);
  }
  // The trainer's own default layers are these; sent only when changed, since the host
  // currently expects layers as a list rather than the text the contract carries.
  if (f.family === 'mlp' && params.hidden === DEFAULT_HIDDEN) delete params.hidden;
  const split: StartArgs['split'] =
    f.split === 'random'
      ? { kind: 'random', testFraction: Number(f.testFraction) }
      : f.split === 'time'
        ? { kind: 'time', column: f.timeColumn, testFraction: Number(f.testFraction) }
        : f.split === 'kfold'
          ? { kind: 'kfold', k: Number(f.k) }
          : { kind: 'holdout' };
  return {
    dataset: f.dataset,
    target: f.target,
    exclude: f.exclude.filter((c) => c !== f.target),
    ...(f.task === 'auto' ? {} : { task: f.task }),
    family: f.family,
    params,
    split,
    ...(f.split === 'holdout' ? { testDataset: f.testDataset } : {}),
    seed: Number(f.seed),
  };
}
