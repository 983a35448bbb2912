import type { ArgsOf } from '../../../shared/api/contract';
import { FAMILY_IDS, familySpec, paramSchema, paramText, type Family, type ParamSpec } from '../../../shared/families/index';
import { DEFAULT_FOLDS, DEFAULT_SEED, DEFAULT_TEST_FRACTION } from '../../../shared/api/methods/runs';
import { readTableArch } from '../../../shared/nn/families';

export type TaskChoice = 'auto' | 'regression' | 'binary' | 'multiclass';
export type SplitKind = 'random' | 'time' | 'kfold' | 'holdout';

/** A field of the app's short parameter form, derived from the family's schema. */
export interface ParamDef {
  key: string;
  label: string;
  /** The schema's default, as typed in the field. */
  value: string;
  kind: ParamSpec['kind'];
  spec: ParamSpec;
  min?: number;
  max?: number;
  step?: string;
  choices?: readonly string[];
  hint: string;
}

/** A form field for one parameter of any spec (families and forecasting models alike). */
export function fieldOf(key: string, spec: ParamSpec): ParamDef {
  const numeric = spec.kind === 'int' || spec.kind === 'float';
  return {
    key,
    label: spec.label,
    value: paramText(spec.default),
    kind: spec.kind,
    spec,
    min: numeric ? spec.min : undefined,
    max: numeric ? spec.max : undefined,
    step: numeric ? (spec.kind === 'int' ? '1' : String(spec.step ?? 'any')) : undefined,
    choices: spec.kind === 'enum' ? spec.choices : undefined,
    hint: spec.help,
  };
}

/** The short parameter form of each family: the schema's `form` parameters, at its defaults. */
export const FAMILY_PARAMS: Record<Family, ParamDef[]> = Object.fromEntries(
  FAMILY_IDS.map((f) => [f, Object.entries(familySpec(f).params).filter(([, spec]) => spec.form).map(([key, spec]) => fieldOf(key, spec))]),
) as Record<Family, ParamDef[]>;

export const FAMILY_LABEL: Record<Family, string> = Object.fromEntries(FAMILY_IDS.map((f) => [f, familySpec(f).label])) as Record<Family, string>;

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
  /** Train a classification target the host's learnability check refused (offered after that refusal). */
  allowAnyTarget: boolean;
  /** A run whose model this run continues from ('' trains from scratch). */
  warmStartFrom: string;
}

const defaultsOf = (f: Family) => Object.fromEntries(FAMILY_PARAMS[f].map((p) => [p.key, p.value]));

export function emptyForm(dataset = ''): NewRunForm {
  return {
    dataset,
    target: '',
    exclude: [],
    task: 'auto',
    family: 'gbdt',
    params: Object.fromEntries(FAMILY_IDS.map((f) => [f, defaultsOf(f)])) as NewRunForm['params'],
    split: 'random',
    testFraction: String(DEFAULT_TEST_FRACTION),
    timeColumn: '',
    k: String(DEFAULT_FOLDS),
    testDataset: '',
    seed: String(DEFAULT_SEED),
    allowAnyTarget: false,
    warmStartFrom: '',
  };
}

/** Field → message, for what can be checked before asking the host. */
export type FieldErrors = Record<string, string>;

function checkNumber(text: string, def: { kind: 'int' | 'float'; min?: number; max?: number; minOpen?: boolean }): string | null {
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
    const parsed = paramSchema(def.spec).safeParse(text.trim() === '' ? undefined : text);
    if (!parsed.success) e[`params.${def.key}`] = text.trim() === '' ? 'Required' : sentence(parsed.error.issues[0].message);
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
  const arch = archOf(f);
  if (arch) {
    const r = readTableArch(arch);
    if (!r.ok) e['params.arch'] = sentence(r.problems[0].message);
  }
  const seedWhy = checkNumber(f.seed, { kind: 'int', min: 0 });
  if (seedWhy) e.seed = seedWhy;
  return e;
}

type StartArgs = ArgsOf<'runs.start'>;

/** The network family's own architecture from the editor, or '' for the preset of its hidden layers. */
export function archOf(f: NewRunForm): string {
  return f.family === 'mlp' ? (f.params.mlp.arch ?? '').trim() : '';
}

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** The form as `runs.start` arguments; call only once `validate` found nothing. */
export function toArgs(f: NewRunForm): StartArgs {
  // Sent as typed; the host checks each against the family's schema and fills the rest.
  const params: Record<string, string> = {};
  for (const def of FAMILY_PARAMS[f.family]) params[def.key] = f.params[f.family][def.key].trim();
  const arch = archOf(f);
  if (arch) params.arch = arch;
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
    ...(f.allowAnyTarget ? { allowAnyTarget: true } : {}),
    ...(f.warmStartFrom ? { warmStartFrom: f.warmStartFrom } : {}),
  };
}
