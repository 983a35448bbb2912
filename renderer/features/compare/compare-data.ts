import { DEFAULT_FOLDS } from '../../../shared/api/methods/runs';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { LOWER_IS_BETTER } from '../experiments/format';

/** Metrics read the same way whichever way they move (counts, not scores). */
const NEUTRAL = new Set(['trainRows', 'testRows', 'rows', 'folds']);
/** The usual order of metrics in a table, others after them alphabetically. */
const ORDER = ['rmse', 'mae', 'r2', 'mape', 'accuracy', 'balancedAccuracy', 'precision', 'recall', 'f1', 'macroF1', 'auc', 'prAuc', 'logloss'];

/** The metrics `runs.compare` can test. */
export const AB_METRICS = ['rmse', 'mae', 'r2', 'mape', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'prAuc', 'logloss'];

export type Direction = 'lower' | 'higher' | 'neutral';
export const directionOf = (metric: string): Direction => (NEUTRAL.has(metric) ? 'neutral' : LOWER_IS_BETTER.has(metric) ? 'lower' : 'higher');

export type Tone = 'better' | 'worse' | 'same' | 'none';

export interface MetricCell {
  value: number | null;
  /** Against the baseline (the first run); null for the baseline itself or a missing value. */
  delta: number | null;
  /** Relative change, when the baseline is not zero. */
  relative: number | null;
  tone: Tone;
  best: boolean;
}

export interface MetricRow {
  metric: string;
  direction: Direction;
  cells: MetricCell[];
}

const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);

/** One row per metric any run has; each run's value with its change against the first run. */
export function metricRows(runs: Pick<RunDetailDto, 'metrics'>[]): MetricRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics ?? {})))];
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((metric) => {
    const direction = directionOf(metric);
    const values = runs.map((r) => {
      const v = r.metrics?.[metric];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    const present = values.filter((v): v is number => v !== null);
    const bestValue = direction === 'neutral' || present.length < 2 ? null : direction === 'lower' ? Math.min(...present) : Math.max(...present);
    const base = values[0];
    const cells = values.map((value, i): MetricCell => {
      if (i === 0 || value === null || base === null) return { value, delta: null, relative: null, tone: 'none', best: value !== null && value === bestValue };
      const delta = value - base;
      const tone: Tone = direction === 'neutral' ? 'none' : delta === 0 ? 'same' : (delta < 0) === (direction === 'lower') ? 'better' : 'worse';
      return { value, delta, relative: base !== 0 ? delta / Math.abs(base) : null, tone, best: value === bestValue };
    });
    return { metric, direction, cells };
  });
}

export interface ParamRow {
  key: string;
  values: string[];
  differs: boolean;
}

const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function splitText(r: RunDetailDto): string {
  const s = r.split;
  if (s.kind === 'kfold') return `k-fold, k = ${s.k ?? DEFAULT_FOLDS}`;
  if (s.kind === 'holdout') return 'test dataset';
  return `${s.kind} ${Math.round(s.testFraction * 100)} %${s.column ? ` by ${s.column}` : ''}`;
}

/** What each run was trained with: the setup first, then every parameter any run set. */
export function paramRows(runs: RunDetailDto[]): ParamRow[] {
  const setup: [string, (r: RunDetailDto) => unknown][] = [
    ['family', (r) => r.family],
    ['dataset', (r) => r.datasetName ?? r.datasetId],
    ['target', (r) => r.target],
    ['task', (r) => r.task],
    ['split', splitText],
    ['seed', (r) => r.seed],
    ['left out', (r) => (r.exclude.length ? r.exclude.join(', ') : 'nothing')],
  ];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const rows: [string, (r: RunDetailDto) => unknown][] = [...setup, ...keys.map((k): [string, (r: RunDetailDto) => unknown] => [k, (r) => r.params[k]])];
  return rows.map(([key, get]) => {
    const values = runs.map((r) => show(get(r)));
    return { key, values, differs: values.some((v) => v !== values[0]) };
  });
}

/** The metric an A/B test starts with: the host's own default where both runs have it. */
export function defaultAbMetric(a: RunDetailDto | undefined, b: RunDetailDto | undefined): string {
  const common = abMetrics(a, b);
  const task = a?.task ?? b?.task;
  const preferred = task === 'regression' ? 'rmse' : 'accuracy';
  return common.includes(preferred) ? preferred : (common[0] ?? '');
}

export function abMetrics(a: RunDetailDto | undefined, b: RunDetailDto | undefined): string[] {
  if (!a?.metrics || !b?.metrics) return [];
  return AB_METRICS.filter((m) => m in a.metrics! && m in b.metrics!);
}

/** "+1,234 (+2.1 %)" */
export function formatDelta(delta: number, relative: number | null, fmt: (v: number) => string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const rel = relative === null ? '' : ` (${sign}${Math.abs(relative * 100).toFixed(Math.abs(relative) < 0.1 ? 1 : 0)} %)`;
  return `${sign}${fmt(Math.abs(delta))}${rel}`;
}
