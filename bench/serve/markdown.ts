export interface LoadResult {
  concurrency: number;
  requestsPerSec: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

export interface ServeReport {
  date: string;
  machine: Record<string, unknown>;
  durationS: number;
  warmupS: number;
  model: { trees: number; maxDepth: number; rmse: number; dataset: string };
  anchor: Record<string, unknown> & { name: string };
  levels: { concurrency: number; lathe: LoadResult; anchor: LoadResult; throughputRatio: number }[];
  targets: { throughput3x: boolean; lowerP99: boolean; p99Under10msAt8: boolean };
}

const yes = (b: boolean) => (b ? 'met' : '**not met**');

export function serveMarkdown(r: ServeReport): string {
  const m = r.machine as { cpus?: number; cpuModel?: string; node?: string };
  return [
    '# Serving: lathe serve-model vs FastAPI + uvicorn + xgboost',
    '',
    `${r.date} · ${m.cpus} CPUs (${m.cpuModel}) · Node ${m.node} · ${r.durationS} s per level after ${r.warmupS} s warm-up · autocannon, single-row POST /predict on 127.0.0.1`,
    '',
    `Model: gbdt with the family defaults on ${r.model.dataset}: ${r.model.trees} trees kept by early stopping, depth ${r.model.maxDepth} (test RMSE ${Math.round(r.model.rmse).toLocaleString('en-US')}). Anchor: ${r.anchor.name}, the same features, trees and depth.`,
    '',
    '| concurrency | Lathe req/s | anchor req/s | ratio | Lathe p50 / p99 ms | anchor p50 / p99 ms | errors (Lathe / anchor) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...r.levels.map(
      (l) =>
        `| ${l.concurrency} | ${Math.round(l.lathe.requestsPerSec).toLocaleString('en-US')} | ${Math.round(l.anchor.requestsPerSec).toLocaleString('en-US')} | ${l.throughputRatio.toFixed(2)}× | ${l.lathe.p50Ms} / ${l.lathe.p99Ms} | ${l.anchor.p50Ms} / ${l.anchor.p99Ms} | ${l.lathe.errors + l.lathe.non2xx} / ${l.anchor.errors + l.anchor.non2xx} |`,
    ),
    '',
    'Latencies are autocannon\'s, in whole milliseconds (0 means under 1 ms). The load generator, both servers and whatever else runs share the machine\'s cores.',
    '',
    `Targets: ≥ 3× the anchor's throughput at every concurrency: ${yes(r.targets.throughput3x)}; lower p99 at every concurrency: ${yes(r.targets.lowerP99)}; p99 < 10 ms at concurrency 8: ${yes(r.targets.p99Under10msAt8)}.`,
  ].join('\n');
}
