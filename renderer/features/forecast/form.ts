import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { paramSchema } from '../../../shared/families/define';
import { DEFAULT_FORECAST_LEVELS, FORECAST_MODEL_IDS, FORECAST_MODEL_SPECS, type ForecastModelId } from '../../../shared/families/forecast';
import { fieldOf, type ParamDef } from '../experiments/form';
import { isNumberColumn, isTimeColumn } from '../experiments/format';
import type { ArgsOf } from '../../../shared/api/contract';

type DetectArgs = ArgsOf<'forecast.detect'>;
type StartArgs = ArgsOf<'forecast.start'>;

export type DuplicateRule = 'error' | 'sum' | 'mean' | 'last';
export type CovariateKind = 'past' | 'future';
export type RefitChoice = 'never' | 'every' | 'n';

/** The short parameter form of each forecasting model: its schema's `form` parameters, at their defaults. */
export const MODEL_PARAMS: Record<ForecastModelId, ParamDef[]> = Object.fromEntries(
  FORECAST_MODEL_IDS.map((m) => [m, Object.entries(FORECAST_MODEL_SPECS[m].params).filter(([, spec]) => spec.form).map(([key, spec]) => fieldOf(key, spec))]),
) as Record<ForecastModelId, ParamDef[]>;

export interface ForecastForm {
  dataset: string;
  time: string;
  target: string;
  /** '' = one series. */
  series: string;
  /** Chosen covariates and whether their future is known. */
  covariates: Record<string, CovariateKind>;
  events: string;
  horizon: string;
  /** The user typed a horizon: detection no longer proposes one. */
  horizonEdited: boolean;
  model: ForecastModelId;
  /** Per model, so switching back and forth keeps what was typed. */
  params: Record<ForecastModelId, Record<string, string>>;
  /** Seasonal periods as typed, e.g. "12" or "7, 365.25"; '' lets the host propose them. */
  seasons: string;
  seasonsEdited: boolean;
  levels: string;
  testDataset: string;
  refit: RefitChoice;
  refitEvery: string;
  duplicates: DuplicateRule;
}

const paramDefaults = (m: ForecastModelId) => Object.fromEntries(MODEL_PARAMS[m].map((p) => [p.key, p.value]));

export function emptyForecastForm(dataset = ''): ForecastForm {
  return {
    dataset,
    time: '',
    target: '',
    series: '',
    covariates: {},
    events: '',
    horizon: '',
    horizonEdited: false,
    model: 'auto',
    params: Object.fromEntries(FORECAST_MODEL_IDS.map((m) => [m, paramDefaults(m)])) as ForecastForm['params'],
    seasons: '',
    seasonsEdited: false,
    levels: DEFAULT_FORECAST_LEVELS.join(', '),
    testDataset: '',
    refit: 'never',
    refitEvery: '5',
    duplicates: 'error',
  };
}

/** Columns by the role they can take in a forecast. */
export function columnRoles(columns: ColumnDto[]) {
  return {
    times: columns.filter((c) => isTimeColumn(c.type)),
    numbers: columns.filter((c) => isNumberColumn(c.type)),
    others: columns.filter((c) => !isNumberColumn(c.type)),
    labels: columns.filter((c) => c.type === 'categorical' || c.type === 'text' || c.type === 'integer' || c.type === 'boolean'),
  };
}

/** The first date column: most datasets have one, and it is the time axis. */
export const proposeTime = (columns: ColumnDto[]) => columns.find((c) => isTimeColumn(c.type))?.name ?? '';

/** The forecast's target when there is one obvious choice: the only numeric column. */
export function proposeTarget(columns: ColumnDto[]): string {
  const numbers = columns.filter((c) => isNumberColumn(c.type));
  return numbers.length === 1 ? numbers[0].name : '';
}

const withArticle = (type: string) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

/** A role's problem with a column of the wrong type, naming the column and what to do. */
export function columnTypeProblem(role: 'target' | 'time', column: ColumnDto | undefined): string | null {
  if (!column) return null;
  if (role === 'target' && !isNumberColumn(column.type))
    return `“${column.name}” is ${withArticle(column.type)} column; a forecast target must be numeric (integer or float). If it holds numbers, change its type in Datasets.`;
  if (role === 'time' && !isTimeColumn(column.type))
    return `“${column.name}” is ${withArticle(column.type)} column; the time column must hold dates or date-times.`;
  return null;
}

/** Field → message. */
export type FieldErrors = Record<string, string>;

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** A comma-separated list of numbers, or the reason it is not one. */
export function parseNumberList(text: string): number[] | string {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(values[i]));
  return bad === undefined ? values : `“${bad}” is not a number`;
}

/** What can be checked without asking the host. */
export function validateForecast(f: ForecastForm, columns: ColumnDto[]): FieldErrors {
  const e: FieldErrors = {};
  const col = (name: string) => columns.find((c) => c.name === name);
  if (!f.dataset) e.dataset = 'Choose a dataset';
  if (!f.time) e.time = 'Choose the date column';
  else if (columns.length) {
    const why = columnTypeProblem('time', col(f.time));
    if (why) e.time = why;
  }
  if (!f.target) e.target = 'Choose the column to forecast';
  else if (columns.length) {
    const why = columnTypeProblem('target', col(f.target));
    if (why) e.target = why;
  }
  const h = Number(f.horizon);
  if (f.horizon.trim() === '') e.horizon = 'How many steps ahead?';
  else if (!Number.isInteger(h) || h < 1 || h > 100_000) e.horizon = 'A whole number from 1 to 100,000';
  for (const def of MODEL_PARAMS[f.model]) {
    const text = f.params[f.model][def.key] ?? '';
    const parsed = paramSchema(def.spec).safeParse(text.trim() === '' ? undefined : text);
    if (!parsed.success) e[`params.${def.key}`] = text.trim() === '' ? 'Required' : sentence(parsed.error.issues[0].message);
  }
  const seasons = parseNumberList(f.seasons);
  if (typeof seasons === 'string') e.season = seasons;
  else if (seasons.some((s) => s <= 1 || s > 100_000)) e.season = 'Each period is more than 1 step (e.g. 12 for a year of months)';
  const levels = parseNumberList(f.levels);
  if (typeof levels === 'string') e.levels = levels;
  else if (levels.length < 1 || levels.length > 5) e.levels = 'One to five levels, e.g. 80, 95';
  else if (levels.some((l) => l <= 0 || l >= 100)) e.levels = 'Each level is a percentage between 0 and 100';
  if (f.testDataset && f.refit === 'n') {
    const n = Number(f.refitEvery);
    if (!Number.isInteger(n) || n < 1) e.refit = 'A whole number of origins, at least 1';
  }
  return e;
}

/** What `forecast.detect` needs, once time and target are chosen; null until then. */
export function toDetectArgs(f: ForecastForm): DetectArgs | null {
  if (!f.dataset || !f.time || !f.target) return null;
  return { dataset: f.dataset, time: f.time, target: f.target, ...(f.series ? { series: f.series } : {}), duplicates: f.duplicates };
}

/** The form as `forecast.start` arguments; call only once `validateForecast` found nothing. */
export function toStartArgs(f: ForecastForm): StartArgs {
  // Parameters go as typed; the host checks each against the model's schema and fills the rest.
  const params: Record<string, string> = {};
  for (const def of MODEL_PARAMS[f.model]) params[def.key] = (f.params[f.model][def.key] ?? '').trim();
  const covariates = FORECAST_MODEL_SPECS[f.model].covariates ? Object.entries(f.covariates) : [];
  const seasons = parseNumberList(f.seasons);
  const levels = parseNumberList(f.levels);
  return {
    dataset: f.dataset,
    time: f.time,
    target: f.target,
    ...(f.series ? { series: f.series } : {}),
    covariates: covariates.filter(([, k]) => k === 'past').map(([c]) => c),
    futureCovariates: covariates.filter(([, k]) => k === 'future').map(([c]) => c),
    ...(f.events ? { events: f.events } : {}),
    horizon: Number(f.horizon),
    model: f.model,
    ...(Array.isArray(seasons) && seasons.length ? { season: seasons } : {}),
    levels: Array.isArray(levels) ? levels : [...DEFAULT_FORECAST_LEVELS],
    ...(f.testDataset ? { testDataset: f.testDataset, refit: f.refit === 'n' ? Number(f.refitEvery) : f.refit } : {}),
    duplicates: f.duplicates,
    params,
  };
}

/** A column leaves every other role when it takes one. */
export function withRole(f: ForecastForm, role: 'time' | 'target' | 'series' | 'events', name: string): ForecastForm {
  const next: ForecastForm = { ...f, [role]: name };
  for (const other of ['time', 'target', 'series', 'events'] as const) if (other !== role && next[other] === name && name) next[other] = '';
  if (name && next.covariates[name]) {
    const { [name]: _dropped, ...rest } = next.covariates;
    next.covariates = rest;
  }
  return next;
}
