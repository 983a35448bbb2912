import type { PredictionLine } from '../../../shared/serving/index';
import type { DeploymentComparisonDto } from '../../../shared/api/methods/deployments';
import { comparePredictions, type ScoredRows } from '../../../models/stats/comparePredictions';

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

/** Classes as the Compare page indexes them: every label seen (outputs, outcomes, probability keys), sorted. */
function classesOf(pairs: Pair[]): string[] {
  const set = new Set<string>();
  for (const p of pairs) {
    set.add(String(p.actual));
    for (const l of [p.a, p.b]) {
      set.add(String(l.output));
      for (const k of Object.keys(l.probabilities ?? {})) set.add(k);
    }
  }
  return [...set].sort();
}

/**
 * Candidate (B) against stable (A) on their shared, labelled rows with the Compare page's own statistics:
 * rmse and mae for values, accuracy (with McNemar) for classes. Probabilities a line lacks are its answer's one-hot.
 */
export function pairedComparisons(preds: PredictionLine[], actual: Map<string, string | number | boolean>, a: string, b: string, margin: number): DeploymentComparisonDto[] {
  const pairs = scoredPairs(preds, actual, a, b);
  if (pairs.length < 2) return [];
  const classification = pairs.some((p) => typeof p.a.output === 'string' || typeof p.b.output === 'string');
  const classes = classification ? classesOf(pairs) : null;
  const index = new Map((classes ?? []).map((c, i) => [c, i]));
  const rows = (side: 'a' | 'b'): ScoredRows => {
    if (!classes) return { actual: pairs.map((p) => Number(p.actual)), values: pairs.map((p) => Number(p[side].output)), probabilities: null };
    const K = classes.length;
    const probabilities = new Float64Array(pairs.length * K);
    pairs.forEach((p, i) => {
      const line = p[side];
      if (line.probabilities) for (const [k, v] of Object.entries(line.probabilities)) probabilities[i * K + index.get(k)!] = v;
      else probabilities[i * K + index.get(String(line.output))!] = 1;
    });
    return { actual: pairs.map((p) => index.get(String(p.actual))!), values: pairs.map((p) => index.get(String(p[side].output))!), probabilities };
  };
  const ra = rows('a');
  const rb = rows('b');
  const metrics = classes ? ['accuracy'] : ['rmse', 'mae'];
  return metrics.map((metric) => ({
    versionA: a, versionB: b,
    ...comparePredictions(ra, rb, { metric, margin, resamples: PAIR_RESAMPLES, classes: classes ? classes.length : null }),
  }));
}
