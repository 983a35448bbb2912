import type { DecisionLine, PredictionLine } from '../../../shared/serving/index';
import type { DeploymentComparisonDto, DeploymentStepDto, DeploymentSummaryDto, DeploymentWindowDto, IntervalDto } from '../../../shared/api/methods/deployments';
import { bootstrapInterval, wilson } from '../../../models/stats/intervals';
import { quantileSorted } from '../../../models/stats/moments';
import type { ServingLogs } from './read-logs';
import { pairedComparisons } from './pairs';

/** What a deployment's logs say, before it is stored. */
export interface DeploymentFacts {
  policy: DeploymentSummaryDto['policy'];
  versions: string[];
  startedAt: string | null;
  endedAt: string | null;
  requests: number;
  outcome: string;
  windowS: number;
  windows: DeploymentWindowDto[];
  timeline: Omit<DeploymentStepDto, 'aliasMove'>[];
  comparisons: DeploymentComparisonDto[];
}

/** Windows a deployment is cut into when no width is given. */
const DEFAULT_WINDOWS = 30;
/** Bootstrap resamples of a window's error interval (a window holds few rows; 400 keep the import quick). */
const WINDOW_RESAMPLES = 400;

const none = (estimate: number, n: number): IntervalDto => ({ estimate, lo: estimate, hi: estimate, method: 'none', n });

/** The policy the lines show: decisions mean a canary, shadow scores a shadow, two served versions an A/B split. */
function policyOf(logs: ServingLogs, served: Set<string>): DeploymentSummaryDto['policy'] {
  if (logs.decisions.length > 0) return 'canary';
  if (logs.predictions.some((p) => p.role === 'shadow')) return 'shadow';
  return served.size > 1 ? 'ab' : 'single';
}

/** Stable first (the role it was logged with), then candidates, in order of first appearance. */
function versionOrder(preds: PredictionLine[], decisions: DecisionLine[]): string[] {
  const stable = decisions[0]?.stable ?? preds.find((p) => p.role === 'stable')?.version;
  const seen = new Set<string>(stable ? [stable] : []);
  for (const d of decisions) seen.add(d.candidate);
  for (const p of preds) seen.add(p.version);
  return [...seen];
}

function windowMetrics(rows: PredictionLine[], actual: Map<string, string | number | boolean>, seed: number): Record<string, IntervalDto> {
  const n = rows.length;
  const ok = rows.filter((r) => r.error === undefined && r.output !== null);
  const m: Record<string, IntervalDto> = {};
  const s = wilson(ok.length, n);
  m.successRate = { ...s, method: 'wilson', n };
  const lat = Float64Array.from(rows, (r) => r.latencyMs).sort();
  m.latencyP50Ms = none(quantileSorted(lat, 0.5), n);
  m.latencyP99Ms = none(quantileSorted(lat, 0.99), n);
  const joined = ok.filter((r) => actual.has(r.id));
  if (joined.length === 0) return m;
  if (joined.some((r) => typeof r.output === 'string')) {
    const right = joined.filter((r) => String(r.output) === String(actual.get(r.id))).length;
    m.accuracy = { ...wilson(right, joined.length), method: 'wilson', n: joined.length };
    return m;
  }
  const err = Float64Array.from(joined, (r) => Number(r.output) - Number(actual.get(r.id)));
  const mae = (idx: Uint32Array) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += Math.abs(err[idx[i]]);
    return s / idx.length;
  };
  const rmse = (idx: Uint32Array) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += err[idx[i]] * err[idx[i]];
    return Math.sqrt(s / idx.length);
  };
  m.mae = { ...bootstrapInterval(err.length, mae, { resamples: WINDOW_RESAMPLES, seed }), method: 'bootstrap', n: err.length };
  m.rmse = { ...bootstrapInterval(err.length, rmse, { resamples: WINDOW_RESAMPLES, seed: seed + 1 }), method: 'bootstrap', n: err.length };
  return m;
}

function outcomeOf(policy: DeploymentSummaryDto['policy'], decisions: DecisionLine[]): string {
  if (policy !== 'canary') return 'serving';
  const decided = decisions.find((d) => d.action === 'rollback' || d.action === 'promote');
  return decided ? (decided.action === 'rollback' ? 'rolled-back' : 'promoted') : 'progressing';
}

/** Traffic, per-version windows, the canary timeline and candidate-vs-stable comparisons from one folder of logs. */
export function aggregateLogs(logs: ServingLogs, opts: { windowS?: number; margin: number }): DeploymentFacts {
  const preds = [...logs.predictions].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const decisions = [...logs.decisions].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const actual = new Map(logs.feedback.map((f) => [f.id, f.actual]));
  const served = new Set(preds.filter((p) => p.served).map((p) => p.version));
  const policy = policyOf(logs, served);
  const versions = versionOrder(preds, decisions);
  const times = [...preds, ...decisions].map((l) => Date.parse(l.time));
  const t0 = times.length ? Math.min(...times) : NaN;
  const t1 = times.length ? Math.max(...times) : NaN;
  const span = Number.isFinite(t0) ? (t1 - t0) / 1000 : 0;
  const windowS = opts.windowS ?? Math.max(1, Math.ceil(span / DEFAULT_WINDOWS));

  const buckets = new Map<number, Map<string, PredictionLine[]>>();
  for (const p of preds) {
    const w = Math.floor((Date.parse(p.time) - t0) / (windowS * 1000));
    let byVersion = buckets.get(w);
    if (!byVersion) buckets.set(w, (byVersion = new Map()));
    let rows = byVersion.get(p.version);
    if (!rows) byVersion.set(p.version, (rows = []));
    rows.push(p);
  }
  const windows: DeploymentWindowDto[] = [];
  for (const w of [...buckets.keys()].sort((a, b) => a - b)) {
    const byVersion = buckets.get(w)!;
    const servedInWindow = [...byVersion.values()].reduce((s, rows) => s + rows.filter((r) => r.served).length, 0);
    for (const version of versions) {
      const rows = byVersion.get(version);
      if (!rows) continue;
      windows.push({
        start: new Date(t0 + w * windowS * 1000).toISOString(),
        end: new Date(t0 + (w + 1) * windowS * 1000).toISOString(),
        version, requests: rows.length,
        share: servedInWindow ? rows.filter((r) => r.served).length / servedInWindow : 0,
        metrics: windowMetrics(rows, actual, 1 + w * 16 + versions.indexOf(version) * 4),
      });
    }
  }

  const timeline = decisions.map((d, step) => ({
    step, canaryStep: d.step, at: d.time, action: d.action, traffic: d.weights,
    evidence: { decisions: d.decisions, checks: d.checks }, reason: d.reason,
  }));
  const stable = versions[0];
  const comparisons = stable ? versions.slice(1).flatMap((candidate) => pairedComparisons(preds, actual, stable, candidate, opts.margin)) : [];
  return {
    policy, versions, requests: new Set(preds.map((p) => p.id)).size,
    startedAt: Number.isFinite(t0) ? new Date(t0).toISOString() : null,
    endedAt: Number.isFinite(t1) ? new Date(t1).toISOString() : null,
    outcome: outcomeOf(policy, decisions), windowS, windows, timeline, comparisons,
  };
}
