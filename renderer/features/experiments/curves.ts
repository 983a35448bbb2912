import { DEFAULT_FOLDS } from '../../../shared/api/methods/runs';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { lttb, type XY } from '../../charts/downsample';
import type { ChartOption } from '../../charts/EChart';

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

/** What the curve measures, as well as the run tells: error for regressions, loss otherwise. */
function yName(run: RunDetailDto): string {
  if (run.family === 'gbdt' && run.task === 'regression') return 'RMSE';
  if (run.task === 'binary' || run.task === 'multiclass') return 'log loss';
  return 'loss';
}

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
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toPrecision(5) : String(v)) },
    legend: { top: 0, data: names.map((n) => SERIES_LABEL[n] ?? n) },
    grid: { left: 64, right: 24, top: 34, bottom: 44 },
    xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 28, min: 0, minInterval: 1, max: waiting ? plannedSteps(run) : undefined },
    yAxis: { type: 'value', scale: true, name: yName(run), nameTextStyle: { align: 'left' } },
    dataZoom: [{ type: 'inside' }],
    series: names.map((n) => ({ name: SERIES_LABEL[n] ?? n, type: 'line', showSymbol: false, data: lttb(curves[n], MAX_POINTS), lineStyle: { width: 1.6 } })),
  };
}
