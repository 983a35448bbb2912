import type { HostContext } from '../handlers/types';

/** The metric a version is judged by, per task, and which way is better. */
const HEADLINE: Record<string, { metric: string; label: string; lowerIsBetter: boolean }> = {
  regression: { metric: 'rmse', label: 'RMSE', lowerIsBetter: true },
  binary: { metric: 'accuracy', label: 'accuracy', lowerIsBetter: false },
  multiclass: { metric: 'accuracy', label: 'accuracy', lowerIsBetter: false },
  forecast: { metric: 'mase', label: 'MASE', lowerIsBetter: true },
};

function recommendHeadline(k: number | undefined, kProd: number | undefined): { metric: string; label: string; lowerIsBetter: boolean } | undefined {
  return k !== undefined && k === kProd ? { metric: `ndcgAt${k}`, label: `nDCG@${k}`, lowerIsBetter: false } : undefined;
}

const show = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(4))));

/**
 * Why registering this run as a version of `name` deserves a second look: its headline metric is
 * worse than that of the version `production` points at. Null when there is no production
 * version, the two predict different things, or either lacks the metric.
 */
export function productionWarning(ctx: HostContext, runId: string, name: string): string | null {
  const prodVersionId = ctx.repos.registry.alias(name.trim(), 'production');
  if (!prodVersionId) return null;
  const prod = ctx.repos.registry.versions(name.trim()).find((v) => v.id === prodVersionId);
  if (!prod || prod.run_id === runId) return null;
  const next = ctx.repos.runs.get(runId, 2);
  const current = ctx.repos.runs.get(prod.run_id, 2);
  if (next.task !== current.task || next.target !== current.target) return null;
  // Recommenders are judged by ndcg at their own k (two versions at different k do not compare).
  const h = next.task === 'recommend' ? recommendHeadline(next.recommendSpec?.k, current.recommendSpec?.k) : next.task ? HEADLINE[next.task] : undefined;
  const a = h ? next.metrics?.[h.metric] : undefined;
  const b = h ? current.metrics?.[h.metric] : undefined;
  if (!h || a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (h.lowerIsBetter ? a <= b : a >= b) return null;
  return `Run ${runId.slice(0, 8)} scores worse than production (${name.trim()}@${prod.version}): ${h.label} ${show(a)} against ${show(b)}.`;
}
