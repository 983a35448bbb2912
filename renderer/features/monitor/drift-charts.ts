import type { DriftDistributionDto, DriftFeatureDto } from '../../../shared/api/monitor-dto';
import type { ChartOption } from '../../charts/EChart';

export const SIDE_COLOURS = { reference: '#7a8599', current: '#e07b39' } as const;

const compact = (v: number) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Bar labels: each bin's range (dates as days), or the category. */
export function distributionLabels(d: DriftDistributionDto, asDates = false): string[] {
  if (d.kind === 'categorical') return d.categories;
  const show = asDates ? day : compact;
  return d.reference.map((_, i) => `${show(d.edges[i])}–${show(d.edges[i + 1])}`);
}

/** Both sides' shares over the same bins or categories, overlaid (the current side in front). */
export function distributionOption(f: DriftFeatureDto, labels: { reference: string; current: string }, asDates = false): ChartOption | null {
  const d = f.distribution;
  if (!d || d.reference.length === 0) return null;
  const pct = (xs: number[]) => xs.map((x) => Number((x * 100).toFixed(2)));
  const numeric = d.kind === 'numeric';
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v} %` },
    legend: { top: 0, data: [labels.reference, labels.current] },
    grid: { left: 48, right: 16, top: 32, bottom: numeric ? 56 : 72 },
    // Every few bins labelled: a label per bin would overlap at this width.
    xAxis: { type: 'category', data: distributionLabels(d, asDates), axisLabel: { rotate: 30, fontSize: 10, interval: numeric ? Math.max(0, Math.ceil(d.reference.length / 6) - 1) : 0 } },
    yAxis: { type: 'value', name: '% of rows', nameTextStyle: { fontSize: 10 } },
    series: [
      { name: labels.reference, type: 'bar', data: pct(d.reference), barGap: numeric ? '-100%' : '10%', barCategoryGap: numeric ? '0%' : '30%', itemStyle: { color: SIDE_COLOURS.reference, opacity: numeric ? 0.55 : 0.9 } },
      { name: labels.current, type: 'bar', data: pct(d.current), barCategoryGap: numeric ? '0%' : '30%', itemStyle: { color: SIDE_COLOURS.current, opacity: numeric ? 0.55 : 0.9 } },
    ],
  };
}

/** The quality checks that failed, in words. */
export function qualityFindings(f: DriftFeatureDto): string[] {
  const q = f.quality;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const out: string[] = [];
  if (q.flags.includes('missing')) out.push(`missing rose from ${pct(q.missingReference)} to ${pct(q.missingCurrent)}`);
  if (q.flags.includes('range')) out.push(`${pct(q.outOfRangeShare ?? 0)} of values outside the reference's range`);
  if (q.flags.includes('newCategories')) out.push(`new categories: ${q.newCategories.slice(0, 5).join(', ')}${q.newCategories.length > 5 ? ', …' : ''}`);
  return out;
}

/** The effect sizes that apply to the feature's kind: PSI and Wasserstein/sd, or JS and the new-category share. */
export function effectParts(f: DriftFeatureDto): [string, string] {
  const e = f.effect;
  const n = (v: number | null) => (v === null ? '–' : v.toFixed(3));
  return f.kind === 'numeric' ? [`PSI ${n(e.psi)}`, `W/sd ${n(e.wasserstein)}`] : [`JS ${n(e.js)}`, `new ${n(e.newCategoryShare)}`];
}

export const effectText = (f: DriftFeatureDto) => effectParts(f).join(' · ');

/** A p-value as read: small ones in powers of ten, an underflow as below the smallest double. */
export function pText(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '< 1e-300';
  return v < 1e-4 ? v.toExponential(1) : v.toFixed(4);
}
