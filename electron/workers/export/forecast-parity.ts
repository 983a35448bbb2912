/**
 * Does the bundle forecast as the app does? Requests the bundle answers, each with the app's own answer: the
 * engine's forecasts from the stored model (from the fit, and after newer values), and the run's stored final
 * forecast. Compared point by point, every bound included.
 */
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import { FORECAST_FAMILIES, GLOBAL_FAMILIES } from '../../../models/forecast/families';
import { gridTimestamp } from '../../../models/forecast/frequency';
import type { ForecastPoint, ForecastRequest, ForecastRow, Forecaster } from '../../../models/forecast/runtime';
import { makeTimeline } from '../../../models/forecast/timeline';
import type { Forecast, ForecastModel, Timeline } from '../../../models/forecast/types';

export interface ParityCase {
  name: string;
  request: ForecastRequest;
  expected: ForecastPoint[];
}

export interface ForecastParity {
  /** Forecast points compared. */
  rows: number;
  maxAbs: number;
  maxRel: number;
  /** Points missing, extra, or at another series or time than the app's. */
  mismatches: number;
  cases: { name: string; rows: number; maxRel: number }[];
}

/** Series checked against the engine: enough to cover the paths, bounded for panels of thousands. */
const MAX_SERIES = 50;
/** Newer values fed before the second check. */
const NEWER = 3;

const iso = (a: ForecastArtifact, i: number, k: number) => new Date(gridTimestamp(a.frequency, a.series[i].start, k)).toISOString();

/** Known-future covariates set to 0 from index `from` for `count` steps: rows for the bundle, arrays for the engine. */
function futureOf(a: ForecastArtifact, series: number[], from: (i: number) => number, count: number): { rows: ForecastRow[]; timelines: Timeline[] } {
  const rows: ForecastRow[] = [];
  const timelines = a.series.map((s, i) => {
    const start = from(i);
    const covariates = [...new Set([...a.columns.covariates, ...a.columns.futureCovariates])].map((name) => {
      const values = new Float64Array(start + count).fill(NaN);
      if (a.columns.futureCovariates.includes(name)) values.fill(0, start);
      return { name, values, knownFuture: a.columns.futureCovariates.includes(name) };
    });
    return makeTimeline({ frequency: a.frequency, start: s.start, covariates, events: a.columns.events === null ? undefined : [] });
  });
  if (a.columns.futureCovariates.length > 0) {
    for (const i of series) {
      for (let k = from(i); k < from(i) + count; k++) {
        const row: ForecastRow = { t: iso(a, i, k), series: a.series[i].id };
        for (const name of a.columns.futureCovariates) row[name] = 0;
        rows.push(row);
      }
    }
  }
  return { rows, timelines };
}

/** The members as the app loads a stored model: the family's own fromJSON. */
async function engineMembers(a: ForecastArtifact, timelines: Timeline[]): Promise<readonly ForecastModel[]> {
  if (a.global) {
    const family = GLOBAL_FAMILIES[a.model];
    if (!family) throw new Error(`no global forecast family '${a.model}'`);
    return (await family.fromJSON(a.global, timelines)).members;
  }
  return a.perSeries!.map((json, i) => {
    const family = FORECAST_FAMILIES[json.family];
    if (!family) throw new Error(`no forecast family '${json.family}'`);
    return family.fromJSON(json, timelines[i]);
  });
}

function pointsOf(a: ForecastArtifact, i: number, from: number, fc: Forecast, levels: readonly number[]): ForecastPoint[] {
  return Array.from(fc.mean, (mean, j) => {
    const p: ForecastPoint = { series: a.series[i].id, t: iso(a, i, from + j), mean };
    for (const l of levels) {
      p[`lower${l}`] = fc.lower[l][j];
      p[`upper${l}`] = fc.upper[l][j];
    }
    return p;
  });
}

/** The engine's forecasts from the stored model: from where the fit ended, and after NEWER more values. */
export async function engineCases(a: ForecastArtifact): Promise<ParityCase[]> {
  const h = a.horizon;
  const levels = a.levels;
  const chosen = a.series.slice(0, MAX_SERIES).map((_, i) => i);
  const ids = chosen.map((i) => a.series[i].id);
  const len = (i: number) => a.series[i].length;

  const fromFit = futureOf(a, chosen, len, h);
  const members = await engineMembers(a, fromFit.timelines);
  const first = chosen.flatMap((i) => pointsOf(a, i, len(i), members[i].forecast(h, levels), levels));

  // The first NEWER forecast means become observations: the state moves on through them, then forecasts again.
  const newer = futureOf(a, chosen, len, NEWER + h);
  const moved = await engineMembers(a, newer.timelines);
  const history: ForecastRow[] = [];
  const second = chosen.flatMap((i) => {
    const means = first.filter((p) => p.series === a.series[i].id).slice(0, NEWER).map((p) => p.mean);
    means.forEach((y, j) => history.push({ t: iso(a, i, len(i) + j), y, series: a.series[i].id }));
    return pointsOf(a, i, len(i) + means.length, moved[i].update(Float64Array.from(means)).forecast(h, levels), levels);
  });
  return [
    { name: 'from the fit', request: { series: ids, horizon: h, levels, future: fromFit.rows }, expected: first },
    { name: `after ${NEWER} newer values`, request: { series: ids, horizon: h, levels, history, future: newer.rows }, expected: second },
  ];
}

/** Runs each case through the bundle's forecaster and compares every value. */
export async function checkForecastParity(bundle: Forecaster, cases: readonly ParityCase[]): Promise<ForecastParity> {
  const out: ForecastParity = { rows: 0, maxAbs: 0, maxRel: 0, mismatches: 0, cases: [] };
  for (const c of cases) {
    const got = await bundle.forecast(c.request);
    let caseRel = 0;
    out.mismatches += Math.abs(got.length - c.expected.length);
    c.expected.forEach((want, r) => {
      const p = got[r];
      if (!p || p.series !== want.series || p.t !== want.t) return void out.mismatches++;
      for (const key of Object.keys(want)) {
        if (key === 'series' || key === 't') continue;
        const [x, y] = [p[key] as number, want[key] as number];
        if (Number.isNaN(x) && Number.isNaN(y)) continue;
        const abs = Math.abs(x - y);
        if (!Number.isFinite(abs)) return void out.mismatches++;
        const rel = abs / Math.max(Math.abs(y), 1e-9);
        out.maxAbs = Math.max(out.maxAbs, abs);
        caseRel = Math.max(caseRel, rel);
      }
    });
    out.maxRel = Math.max(out.maxRel, caseRel);
    out.rows += c.expected.length;
    out.cases.push({ name: c.name, rows: c.expected.length, maxRel: caseRel });
  }
  return out;
}

const percentile = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * Latency of the bundle's forecaster: one series' forecast (p50/p99, microseconds, the model loaded anew each
 * call as a request does), and points per second over a forecast of every series at once (best of three).
 */
export async function forecastLatency(bundle: Forecaster, a: ForecastArtifact): Promise<{ singleP50Us: number; singleP99Us: number; batchRowsPerSec: number; batchRows: number }> {
  const all = a.series.map((_, i) => i);
  const one = { series: [a.series[0].id], future: futureOf(a, [0], (i) => a.series[i].length, a.horizon).rows };
  const single: number[] = [];
  const until = performance.now() + 1500;
  for (let n = 0; n < 300 && (n < 20 || performance.now() < until); n++) {
    const t0 = performance.now();
    await bundle.forecast(one);
    if (n >= 3) single.push((performance.now() - t0) * 1000);
  }
  const batch = { series: a.series.map((s) => s.id), future: futureOf(a, all, (i) => a.series[i].length, a.horizon).rows };
  let best = Infinity;
  let points = 0;
  for (let n = 0; n < 3; n++) {
    const t0 = performance.now();
    points = (await bundle.forecast(batch)).length;
    best = Math.min(best, performance.now() - t0);
  }
  return { singleP50Us: percentile(single, 0.5), singleP99Us: percentile(single, 0.99), batchRowsPerSec: Math.round(points / (best / 1000)), batchRows: points };
}
