import type { RunSummaryDto } from '../../../shared/api/dto';
import { metricUnit } from '../../../shared/metric-units';

const big = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

/** Metrics: large errors in whole units, scores to 4 significant digits. */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1000 ? big.format(v) : small.format(v);
}

const pct = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/**
 * A metric by its key, in its unit (shared/metric-units): fractions such as MAPE and coverage as
 * percentages (0.123 → "12.3 %"), sMAPE (in percent already) with its sign, both to 3 significant
 * digits so they read alike side by side; the rest as formatMetric.
 */
export function formatMetricOf(key: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return formatMetric(v);
  const unit = metricUnit(key);
  if (unit === 'fraction') return `${pct.format(v * 100)} %`;
  if (unit === 'percent') return `${pct.format(v)} %`;
  return formatMetric(v);
}

/**
 * A parameter or other plain number: thousands separated, at most six significant digits, so a
 * float32 read back as a double (0.30000001192092896) reads 0.3 again. Other values as written.
 */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? plain.format(v) : String(v);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  return v === null || v === undefined ? '—' : String(v);
}

export const shortId = (id: string) => id.slice(0, 8);

/** How a run is called: its name when given, else its family and short id. */
export const runDisplayName = (r: { name?: string | null; family: string | null; id: string }) => r.name || `${r.family ?? 'run'} ${shortId(r.id)}`;

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "3 min ago", falling back to the date for anything older than a week. */
export function formatAgo(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return d.toLocaleDateString();
}

export function formatPct(f: number, digits = 1): string {
  return `${(f * 100).toFixed(digits)} %`;
}

/**
 * Which metrics headline a run, by its task, the first being the one to judge it by: a forecast's
 * MASE, sMAPE and coverage of its widest interval; a recommender's nDCG and precision at its own k
 * (and RMSE when it learned from ratings).
 */
export function headlineKeys(task: string | null, metrics?: Record<string, number> | null): string[] {
  const keys = Object.keys(metrics ?? {});
  if (task === 'recommend') {
    const k = keys.map((key) => /^ndcgAt(\d+)$/.exec(key)?.[1]).find(Boolean) ?? '10';
    return [`ndcgAt${k}`, `precisionAt${k}`, ...(metrics?.rmse !== undefined ? ['rmse'] : [])];
  }
  if (task === 'forecast') {
    const levels = keys.map((key) => Number(/^coverage(\d+)$/.exec(key)?.[1])).filter((l) => l > 0);
    return ['mase', 'smape', ...(levels.length > 0 ? [`coverage${Math.max(...levels)}`] : [])];
  }
  return task === 'regression' ? ['rmse', 'r2'] : task === 'binary' || task === 'multiclass' ? ['accuracy', 'auc'] : [];
}

/** Metrics where lower is better, for sorting and for reading comparisons. */
export const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mape', 'logloss', 'mase', 'smape']);

export const METRIC_LABEL: Record<string, string> = {
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
  mase: 'MASE',
  smape: 'sMAPE',
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  auc: 'ROC AUC',
  prAuc: 'PR AUC',
  logloss: 'Log loss',
  balancedAccuracy: 'Balanced accuracy',
  macroF1: 'Macro F1',
};

const AT_K_LABEL: Record<string, string> = { precision: 'Precision', recall: 'Recall', ndcg: 'nDCG', map: 'MAP', hitRate: 'Hit rate', mrr: 'MRR' };

/** A metric's label; ranking metrics at k read as nDCG@10, Precision@5, …, a forecast's coverage as "95 % coverage". */
export const metricLabel = (k: string) => {
  const at = /^(\w+?)At(\d+)$/.exec(k);
  const coverage = /^coverage(\d+)$/.exec(k);
  if (coverage) return `${coverage[1]} % coverage`;
  return METRIC_LABEL[k] ?? (at && AT_K_LABEL[at[1]] ? `${AT_K_LABEL[at[1]]}@${at[2]}` : k);
};

export const isActiveStatus = (status: string) => status === 'running' || status === 'queued';

export const runTitle = (r: Pick<RunSummaryDto, 'family' | 'target'>) => `${r.family ?? 'model'} → ${r.target ?? '?'}`;

export const isNumberColumn = (type: string) => type === 'integer' || type === 'float';
export const isTimeColumn = (type: string) => type === 'date' || type === 'datetime';

/** Says when the plot shows a sample: "2,064 of 4,128 test rows". */
export function residualCaption(shown: number, testRows: number): string {
  const rows = shown < testRows ? `a sample of ${shown.toLocaleString()} of ${testRows.toLocaleString()} test rows (evenly spaced)` : `all ${shown.toLocaleString()} test rows`;
  return `Actual against predicted for ${rows}; points on the dashed line were predicted exactly.`;
}
