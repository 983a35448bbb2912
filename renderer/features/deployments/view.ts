import type { DeploymentDetailDto, DeploymentStepDto, IntervalDto } from '../../../shared/api/methods/deployments';

/** Metrics a window may carry, in the order the picker lists them, with how to read them. */
export const METRICS: { key: string; label: string; lowerIsBetter: boolean; percent?: boolean; unit?: string }[] = [
  { key: 'accuracy', label: 'Accuracy', lowerIsBetter: false, percent: true },
  { key: 'mae', label: 'MAE', lowerIsBetter: true },
  { key: 'rmse', label: 'RMSE', lowerIsBetter: true },
  { key: 'successRate', label: 'Success rate', lowerIsBetter: false, percent: true },
  { key: 'latencyP99Ms', label: 'Latency p99', lowerIsBetter: true, unit: 'ms' },
  { key: 'latencyP50Ms', label: 'Latency p50', lowerIsBetter: true, unit: 'ms' },
];

/** The metrics the deployment's windows carry, quality first. */
export function metricsOf(d: DeploymentDetailDto): typeof METRICS {
  const present = new Set(d.windows.flatMap((w) => Object.keys(w.metrics)));
  return METRICS.filter((m) => present.has(m.key));
}

export function formatValue(key: string, v: number): string {
  if (!Number.isFinite(v)) return '–';
  const m = METRICS.find((x) => x.key === key);
  if (m?.percent) return `${(v * 100).toFixed(1)} %`;
  if (m?.unit) return `${v.toPrecision(3)} ${m.unit}`;
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}

export function formatInterval(key: string, m: IntervalDto): string {
  return m.method === 'none' ? formatValue(key, m.estimate) : `${formatValue(key, m.estimate)} [${formatValue(key, m.lo)} – ${formatValue(key, m.hi)}]`;
}

/** Window starts (ms) and, per version, its share of served traffic in each (0 where it answered nothing). */
export function trafficSeries(d: DeploymentDetailDto): { times: number[]; shares: Record<string, number[]> } {
  const times = [...new Set(d.windows.map((w) => Date.parse(w.start)))].sort((a, b) => a - b);
  const at = new Map(times.map((t, i) => [t, i]));
  const shares = Object.fromEntries(d.versions.map((v) => [v, times.map(() => 0)]));
  for (const w of d.windows) if (shares[w.version]) shares[w.version][at.get(Date.parse(w.start))!] = w.share;
  return { times, shares };
}

/** One version's metric per window: [time, estimate, lo, hi], windows without it left out. */
export function metricSeries(d: DeploymentDetailDto, version: string, key: string): [number, number, number, number][] {
  return d.windows
    .filter((w) => w.version === version && w.metrics[key])
    .map((w) => [Date.parse(w.start), w.metrics[key].estimate, w.metrics[key].lo, w.metrics[key].hi]);
}

/** Each version over the whole deployment: requests, and the metric of its last window with data. */
export function versionTotals(d: DeploymentDetailDto): { version: string; role: string; requests: number; last: Record<string, IntervalDto> }[] {
  return d.versions.map((version, i) => {
    const mine = d.windows.filter((w) => w.version === version);
    const last: Record<string, IntervalDto> = {};
    for (const w of mine) Object.assign(last, w.metrics);
    return { version, role: i === 0 ? 'stable' : 'candidate', requests: mine.reduce((s, w) => s + w.requests, 0), last };
  });
}

/** A decision in words: "Rolled back to 1.0.0 (candidate 0 %)". */
export function stepTitle(s: DeploymentStepDto, versions: string[]): string {
  switch (s.action) {
    case 'rollback':
      return `Rolled back to ${versions[0] ?? 'stable'}`;
    case 'promote':
      return `Promoted ${versions[1] ?? 'the candidate'}`;
    case 'advance':
      return `Advanced: candidate to ${s.traffic.candidate} %`;
    default:
      return `Holding at ${s.traffic.candidate} %`;
  }
}
