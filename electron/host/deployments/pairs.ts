import type { PredictionLine } from '../../../shared/serving/index';
import type { DeploymentComparisonDto } from '../../../shared/api/methods/deployments';
import { compareArms, comparePredictions, type ScoredRows } from '../../../models/stats/comparePredictions';

/** Resamples of the paired bootstrap, as the Compare page's default. */
export const PAIR_RESAMPLES = 1000;

interface Pair {
  actual: string | number | boolean;
  a: PredictionLine;
  b: PredictionLine;
}

/** Rows both versions scored (canary pairing, shadow) whose true outcome came back, in log order. */
export function scoredPairs(preds: PredictionLine[], actual: Map<string, string | number | boolean>, a: string, b: string): Pair[] {
  const byId = new Map<string, { a?: PredictionLine; b?: PredictionLine }>();
  for (const p of preds) {
    if (p.output === null || p.error !== undefined || !actual.has(p.id)) continue;
    if (p.version !== a && p.version !== b) continue;
    let e = byId.get(p.id);
    if (!e) byId.set(p.id, (e = {}));
    if (p.version === a) e.a ??= p;
    else e.b ??= p;
  }
  const out: Pair[] = [];
  for (const [id, e] of byId) if (e.a && e.b) out.push({ actual: actual.get(id)!, a: e.a, b: e.b });
  return out;
}

interface Scored {
  actual: string | number | boolean;
  line: PredictionLine;
}

/** Classes as the Compare page indexes them: every label seen (outputs, outcomes, probability keys), sorted. */
function classesOf(rows: Scored[]): string[] {
  const set = new Set<string>();
  for (const r of rows) {
    set.add(String(r.actual));
    set.add(String(r.line.output));
    for (const k of Object.keys(r.line.probabilities ?? {})) set.add(k);
  }
  return [...set].sort();
}

/** One version's answers as the Compare page reads a run's predictions; probabilities a line lacks are its answer's one-hot. */
function scoredRows(rows: Scored[], classes: string[] | null): ScoredRows {
  if (!classes) return { actual: rows.map((r) => Number(r.actual)), values: rows.map((r) => Number(r.line.output)), probabilities: null };
  const index = new Map(classes.map((c, i) => [c, i]));
  const K = classes.length;
  const probabilities = new Float64Array(rows.length * K);
  rows.forEach((r, i) => {
    if (r.line.probabilities) for (const [k, v] of Object.entries(r.line.probabilities)) probabilities[i * K + index.get(k)!] = v;
    else probabilities[i * K + index.get(String(r.line.output))!] = 1;
  });
  return { actual: rows.map((r) => index.get(String(r.actual))!), values: rows.map((r) => index.get(String(r.line.output))!), probabilities };
}

/** Served, answered rows of one version whose outcome came back (an A/B arm). */
function arm(preds: PredictionLine[], actual: Map<string, string | number | boolean>, version: string): Scored[] {
  return preds.filter((p) => p.version === version && p.served && p.output !== null && p.error === undefined && actual.has(p.id)).map((line) => ({ actual: actual.get(line.id)!, line }));
}

/**
 * Candidate (B) against stable (A): rmse and mae for values, accuracy (with McNemar) for classes. On the rows both
 * scored (canary, shadow) with the Compare page's own paired statistics; where no row was scored by both (a sticky
 * A/B split), on each version's served rows with the same metrics and verdict, each arm resampled on its own.
 */
export function pairedComparisons(preds: PredictionLine[], actual: Map<string, string | number | boolean>, a: string, b: string, margin: number): DeploymentComparisonDto[] {
  const pairs = scoredPairs(preds, actual, a, b);
  const paired = pairs.length >= 2;
  const sideA: Scored[] = paired ? pairs.map((p) => ({ actual: p.actual, line: p.a })) : arm(preds, actual, a);
  const sideB: Scored[] = paired ? pairs.map((p) => ({ actual: p.actual, line: p.b })) : arm(preds, actual, b);
  if (sideA.length < 2 || sideB.length < 2) return [];
  const all = [...sideA, ...sideB];
  const classes = all.some((r) => typeof r.line.output === 'string') ? classesOf(all) : null;
  const ra = scoredRows(sideA, classes);
  const rb = scoredRows(sideB, classes);
  const metrics = classes ? ['accuracy'] : ['rmse', 'mae'];
  return metrics.map((metric) => {
    const opts = { metric, margin, resamples: PAIR_RESAMPLES, classes: classes ? classes.length : null };
    return { versionA: a, versionB: b, design: paired ? 'paired' : 'unpaired', ...(paired ? comparePredictions(ra, rb, opts) : compareArms(ra, rb, opts)) };
  });
}
