import { DEFAULT_FOLDS } from '../../../shared/api/methods/runs';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { lttb, type XY } from '../../charts/downsample';
import type { ChartOption } from '../../charts/EChart';
import { formatValue } from './format';

/** Points per series handed to the chart; more than a chart is wide only costs time. */
const MAX_POINTS = 800;

/**
 * The saved curves with the live points laid over them, by step: a run opened mid-training
 * shows what the host saved so far and then grows as points stream in.
 */
export function mergeCurves(saved: RunDetailDto['curves'], live: MetricPointDto[] | undefined): Record<string, XY[]> {
  const byName = new Map<string, Map<number, number>>();
  const at = (name: string) => byName.get(name) ?? byName.set(name, new Map()).get(name)!;
  for (const [name, pts] of Object.entries(saved)) {
    const m = at(name);
    for (const p of pts) if (Number.isFinite(p.value)) m.set(p.step, p.value);
  }
  for (const pt of live ?? []) {
    for (const [name, v] of Object.entries(pt.values)) if (typeof v === 'number' && Number.isFinite(v)) at(name).set(pt.step, v);
  }
  const out: Record<string, XY[]> = {};
  for (const [name, m] of byName) {
    if (m.size === 0) continue;
    out[name] = [...m.entries()].sort((a, b) => a[0] - b[0]);
  }
  return out;
}

const SERIES_LABEL: Record<string, string> = { train: 'train', valid: 'validation' };

const GBDT_REGRESSION_LOSS: Record<string, string> = { squared: 'RMSE', absolute: 'MAE', quantile: 'pinball loss' };

/**
 * What the curve measures, known from the run's family, task and parameters before any point
 * arrives: each trainer's own curve (gbdt its loss, forest out-of-bag error, mlp its network loss).
 */
export function curveMetricName(run: Pick<RunDetailDto, 'family' | 'task' | 'params'>): string {
  const classifier = run.task === 'binary' || run.task === 'multiclass';
  if (classifier) return 'log loss';
  if (run.task !== 'regression') return 'loss';
  if (run.family === 'gbdt') return GBDT_REGRESSION_LOSS[String(run.params.loss ?? 'squared')] ?? 'loss';
  if (run.family === 'forest') return 'RMSE (out of bag)';
  if (run.family === 'mlp') return 'MSE';
  return 'loss';
}

/** What one step of the curve is: a tree (forest), an epoch (mlp) or an iteration (boosting round, solver step). */
export function curveStepName(family: string | null): string {
  return family === 'forest' ? 'trees' : family === 'mlp' ? 'epoch' : 'iteration';
}

/** Whole steps only: a zoomed axis never labels 12.5 trees. */
const stepLabel = (v: number) => (Number.isInteger(v) ? v.toLocaleString() : '');

/** While training, the x axis spans the whole planned run, so the curve grows into it. */
function plannedSteps(run: RunDetailDto): number | undefined {
  const per = Number(run.params.trees ?? run.params.epochs);
  if (!Number.isFinite(per) || per <= 0) return undefined;
  return run.split.kind === 'kfold' ? per * ((run.split.k ?? DEFAULT_FOLDS) + 1) : per;
}

export function curveOption(run: RunDetailDto, curves: Record<string, XY[]>, waiting: boolean): ChartOption {
  const names = Object.keys(curves).sort((a, b) => (a === 'train' ? -1 : b === 'train' ? 1 : a.localeCompare(b)));
  const empty = names.length === 0;
  return {
    title: empty ? { text: waiting ? 'Waiting for the first iteration…' : 'No curve recorded', left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 'normal', color: '#888' } } : { show: false },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatValue(v) },
    legend: { top: 0, data: names.map((n) => SERIES_LABEL[n] ?? n) },
    grid: { left: 64, right: 24, top: 34, bottom: 44 },
    xAxis: {
      type: 'value', name: curveStepName(run.family), nameLocation: 'middle', nameGap: 28, min: 0, minInterval: 1, max: waiting ? plannedSteps(run) : undefined,
      axisLabel: { formatter: stepLabel },
    },
    yAxis: { type: 'value', scale: true, name: curveMetricName(run), nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => formatValue(v) } },
    dataZoom: [{ type: 'inside' }],
    series: names.map((n) => ({ name: SERIES_LABEL[n] ?? n, type: 'line', showSymbol: false, data: lttb(curves[n], MAX_POINTS), lineStyle: { width: 1.6 } })),
  };
}
