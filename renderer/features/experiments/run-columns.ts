import type { RunSummaryDto } from '../../../shared/api/dto';
import { headlineKeys, metricLabel } from './format';

/** Tasks in the order their metric columns stand: tabular, then forecasts, then recommenders. */
const TASK_ORDER = ['regression', 'binary', 'multiclass', 'forecast', 'recommend'];
const taskRank = (t: string) => (TASK_ORDER.includes(t) ? TASK_ORDER.indexOf(t) : TASK_ORDER.length);

/**
 * The metric columns for these runs: the headline metrics of each task among them, task by task,
 * each key once. Inside a task the same place of the headline stands together (nDCG@5 beside
 * nDCG@10). A task whose runs have no metrics yet (running, failed) still shows its columns.
 */
export function metricColumns(runs: Iterable<RunSummaryDto>): string[] {
  const byTask = new Map<string, Map<string, number>>();
  const bare = new Set<string>();
  for (const r of runs) {
    if (!r.task) continue;
    if (!r.metrics) {
      bare.add(r.task);
      continue;
    }
    let places = byTask.get(r.task);
    if (!places) byTask.set(r.task, (places = new Map()));
    headlineKeys(r.task, r.metrics).forEach((k, i) => places.set(k, Math.min(places.get(k) ?? i, i)));
  }
  for (const t of bare) if (!byTask.has(t)) byTask.set(t, new Map(headlineKeys(t, null).map((k, i) => [k, i])));
  const out = new Set<string>();
  for (const t of [...byTask.keys()].sort((a, b) => taskRank(a) - taskRank(b))) {
    const places = [...byTask.get(t)!.entries()];
    places.sort((a, b) => a[1] - b[1]);
    for (const [k] of places) out.add(k);
  }
  return [...out];
}

/**
 * A run's value in a metric column: only a metric that headlines the run itself (a forecast's
 * RMSE stays out of the regression RMSE column); undefined when it has none there.
 */
export function headlineValue(run: RunSummaryDto, key: string): number | undefined {
  const v = run.metrics?.[key];
  return v !== undefined && headlineKeys(run.task, run.metrics).includes(key) ? v : undefined;
}

/** A header short enough for a narrow numeric column (its title carries metricLabel in full). */
export function columnLabel(key: string): string {
  const coverage = /^coverage(\d+)$/.exec(key);
  if (coverage) return `${coverage[1]} % cov.`;
  if (key === 'auc') return 'AUC';
  return metricLabel(key).replace(/^Precision@/, 'P@');
}

/** Widths of the grid's tracks (metric columns no wider than a number needs; the run's name takes the rest) and the narrowest the table gets before it scrolls sideways. */
const TRACKS = { pick: 28, run: 130, status: 90, task: 84, metric: 64, metricMax: 110, duration: 76, created: 88, gap: 10, pad: 24 };

/** The runs grid's columns for this many metric columns, and the width under which it scrolls sideways. */
export function gridColumns(metrics: number, pick: boolean): { template: string; minWidth: number } {
  const t = TRACKS;
  const parts = [pick ? `${t.pick}px` : '', `minmax(${t.run}px, 1.5fr)`, `${t.status}px`, `${t.task}px`, metrics > 0 ? `repeat(${metrics}, minmax(${t.metric}px, ${t.metricMax}px))` : '', `${t.duration}px`, `${t.created}px`].filter(Boolean);
  const tracks = (pick ? 1 : 0) + 5 + metrics;
  const minWidth = (pick ? t.pick : 0) + t.run + t.status + t.task + metrics * t.metric + t.duration + t.created + (tracks - 1) * t.gap + t.pad;
  return { template: parts.join(' '), minWidth };
}
