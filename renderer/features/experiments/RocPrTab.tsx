import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { EChart, type ChartOption } from '../../charts/EChart';

function curveOption(title: string, xName: string, yName: string, data: [number, number][], diagonal: boolean): ChartOption {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 52, right: 16, top: 36, bottom: 44 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : String(v)) },
    xAxis: { type: 'value', min: 0, max: 1, name: xName, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: yName },
    series: [
      { type: 'line', showSymbol: false, data, areaStyle: { opacity: 0.08 } },
      ...(diagonal ? [{ type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', opacity: 0.5 }, silent: true }] : []),
    ],
  } as ChartOption;
}

/** ROC and precision-recall curves of a binary classifier's test rows. */
export function RocPrTab({ run }: { run: RunDetailDto }) {
  const r = run.report;
  const roc = useMemo(() => (r?.roc ? curveOption(`ROC · AUC ${run.metrics?.auc?.toFixed(3) ?? '—'}`, 'false positive rate', 'true positive rate', r.roc.map((p) => [p.fpr, p.tpr]), true) : null), [r, run.metrics]);
  const pr = useMemo(() => (r?.pr ? curveOption(`Precision–recall · AP ${run.metrics?.prAuc?.toFixed(3) ?? '—'}`, 'recall', 'precision', r.pr.map((p) => [p.recall, p.precision]), false) : null), [r, run.metrics]);
  if (!roc || !pr) return <p className="muted">No ROC or precision-recall curve for this run.</p>;
  return (
    <div className="two-charts">
      <EChart option={roc} height={320} testId="run-roc" />
      <EChart option={pr} height={320} testId="run-pr" />
    </div>
  );
}
