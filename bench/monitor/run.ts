/**
 * Drift monitoring benchmark, one command: `npm run bench:monitor [-- --reps 200]`.
 *
 * On California housing (the samples): a reference of 10,000 rows and a disjoint window of 1,000 rows,
 * drawn afresh for each repetition;
 * - A/A: both from the same data — the dataset-level false-alarm rate (any feature drifted), target ≤ 5 %;
 *   beside it the rates without the effect-size gate and without the correction, to show what each buys;
 * - shifts injected into the window: median_income + 0.25 reference sd, and ocean_proximity replaced by a
 *   new category in 10 % of rows — detection rate (that feature drifted), target ≥ 90 % per window;
 * - speed: a synthetic 1M × 20 table (16 numeric, 4 categorical) against a shifted 1M × 20, target < 5 s;
 * - anchor, in the same run: scipy (ks_2samp, chi2_contingency, wasserstein_distance, jensenshannon) under
 *   /usr/bin/python3 on the same samples, plus one 100k × 100k asymptotic KS case; max |difference| of
 *   statistics and p-values (target ≤ 1e-6) and the time of both on those cases.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeDrift, type DriftColumn } from '../../models/monitor/index';
import { MONITOR_DEFAULTS } from '../../shared/monitor';
import type { DriftReportDto } from '../../shared/api/monitor-dto';
import { findPython } from '../lib/python';
import { machine, writeReport } from '../lib/report';
import { columnsAt, housing, HOUSING_FILE, synthetic, twoSamples, type Table } from './data';
import { markdown, type MonitorBench } from './markdown';

const argv = process.argv.slice(2);
const REPS = Number(argv[argv.indexOf('--reps') + 1]) || 200;
const REF_ROWS = 10_000;
const WINDOW = 1_000;
const ANCHOR_REPS = 10;
const SPEED_ROWS = 1_000_000;

type Scenario = 'aa' | 'mean' | 'category';

function inject(cols: DriftColumn[], scenario: Scenario, refSd: number, seed: number): DriftColumn[] {
  return cols.map((c) => {
    if (scenario === 'mean' && c.name === 'median_income' && c.kind === 'numeric') return { ...c, values: c.values.map((v) => v + 0.25 * refSd) };
    // Every 10th row of the (already random) window becomes a category the reference never had.
    if (scenario === 'category' && c.name === 'ocean_proximity' && c.kind === 'categorical') return { ...c, values: c.values.map((v, i) => ((i + seed) % 10 === 0 ? 'FLOODPLAIN' : v)) };
    return c;
  });
}

function sdOf(v: Float64Array): number {
  const x = v.filter(Number.isFinite);
  const m = x.reduce((s, a) => s + a, 0) / x.length;
  return Math.sqrt(x.reduce((s, a) => s + (a - m) ** 2, 0) / (x.length - 1));
}

interface AnchorCase {
  kind: 'numeric' | 'categorical';
  method: string;
  ref: (number | string)[];
  cur: (number | string)[];
  ours: { statistic: number; pValue: number; wasserstein?: number; psi?: number; js: number };
}

const values = (c: DriftColumn): (number | string | null)[] => (c.kind === 'numeric' ? Array.from(c.values) : [...c.values]);

function casesOf(ref: DriftColumn[], cur: DriftColumn[], report: DriftReportDto): AnchorCase[] {
  return ref.map((r, j) => {
    const f = report.features.find((x) => x.name === r.name)!;
    const c = cur[j];
    const present = (v: readonly (number | string | null)[]) => v.filter((x) => x !== null && x !== '' && !(typeof x === 'number' && !Number.isFinite(x))) as (number | string)[];
    const ours = { statistic: f.statistic, pValue: f.pValue, js: f.effect.js ?? Number.NaN, ...(f.kind === 'numeric' ? { wasserstein: f.effect.wasserstein!, psi: f.effect.psi! } : {}) };
    return { kind: r.kind, method: f.method, ref: present(values(r)), cur: present(values(c)), ours };
  });
}

function repetitions(t: Table, scenario: Scenario, anchor: AnchorCase[]) {
  let alarms = 0, ungated = 0, uncorrected = 0, detected = 0, seconds = 0;
  const target = scenario === 'mean' ? 'median_income' : scenario === 'category' ? 'ocean_proximity' : null;
  for (let rep = 0; rep < REPS; rep++) {
    const seed = 1000 * (scenario === 'aa' ? 1 : scenario === 'mean' ? 2 : 3) + rep;
    const { ref, cur } = twoSamples(t.rows, REF_ROWS, WINDOW, seed);
    const refCols = columnsAt(t, ref);
    const refSd = sdOf((refCols.find((c) => c.name === 'median_income')!.values as Float64Array));
    const curCols = inject(columnsAt(t, cur), scenario, refSd, rep);
    const t0 = performance.now();
    const report = computeDrift({ reference: refCols, current: curCols });
    seconds += (performance.now() - t0) / 1000;
    if (report.drifted) alarms++;
    if (report.features.some((f) => f.adjustedPValue < MONITOR_DEFAULTS.alpha)) ungated++;
    if (report.features.some((f) => f.pValue < MONITOR_DEFAULTS.alpha)) uncorrected++;
    if (target && report.features.find((f) => f.name === target)!.drifted) detected++;
    if (rep < ANCHOR_REPS) anchor.push(...casesOf(refCols, curCols, report));
  }
  return { reps: REPS, alarmRate: alarms / REPS, ungatedAlarmRate: ungated / REPS, uncorrectedAlarmRate: uncorrected / REPS, detectionRate: target ? detected / REPS : null, meanMs: (1000 * seconds) / REPS };
}

function speed() {
  const ref = synthetic(SPEED_ROWS, 1);
  const cur = synthetic(SPEED_ROWS, 2, 0.05);
  computeDrift({ reference: ref.map((c) => ({ ...c, values: c.values.slice(0, 20_000) }) as DriftColumn), current: cur.map((c) => ({ ...c, values: c.values.slice(0, 20_000) }) as DriftColumn) });
  const time = (maxRows: number) => {
    const t0 = performance.now();
    const r = computeDrift({ reference: ref, current: cur }, { maxRows });
    return { seconds: (performance.now() - t0) / 1000, report: r };
  };
  const capped = time(MONITOR_DEFAULTS.maxRows);
  const full = time(SPEED_ROWS);
  return {
    rows: SPEED_ROWS, columns: ref.length, maxRows: MONITOR_DEFAULTS.maxRows,
    seconds: capped.seconds, uncappedSeconds: full.seconds,
    driftedCapped: capped.report.features.filter((f) => f.drifted).map((f) => f.name),
    x0: { capped: capped.report.features.find((f) => f.name === 'x0')!, full: full.report.features.find((f) => f.name === 'x0')! },
    // x0 of the reference against x4 of the current side: both standard normal, so the p-value is not at an extreme.
    large: { ref: ref[0], cur: cur[4] },
  };
}

function anchorRun(cases: AnchorCase[]) {
  const py = findPython(['scipy', 'numpy']);
  if (!py) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-monitor-'));
  try {
    const input = path.join(dir, 'cases.json');
    const output = path.join(dir, 'answers.json');
    writeFileSync(input, JSON.stringify({ settings: MONITOR_DEFAULTS, cases: cases.map(({ ours: _o, ...c }) => c) }));
    const r = spawnSync(py, [path.join(import.meta.dirname, 'scipy_anchor.py'), input, output], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`scipy anchor failed: ${r.stderr}`);
    const answers = JSON.parse(readFileSync(output, 'utf8')) as { results: Record<string, number>[]; seconds: number; scipy: string };
    const diff: Record<string, Record<string, number>> = {};
    cases.forEach((c, i) => {
      const key = c.kind === 'numeric' ? `ks (${c.method})` : 'chi2';
      diff[key] ??= { cases: 0 };
      diff[key].cases++;
      for (const [k, v] of Object.entries(c.ours)) {
        const d = Math.abs(v - answers.results[i][k]);
        if (Number.isFinite(d)) diff[key][k] = Math.max(diff[key][k] ?? 0, d);
      }
    });
    return { python: py, scipy: answers.scipy, scipySeconds: answers.seconds, diff };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const t = housing();
const anchor: AnchorCase[] = [];
const scenarios = { aa: repetitions(t, 'aa', anchor), mean: repetitions(t, 'mean', anchor), category: repetitions(t, 'category', anchor) };
const sp = speed();
// One case where both sides are large (100k rows each, asymptotic KS) and alike.
const largeRef = sp.large.ref.values.slice(0, 100_000) as Float64Array;
const largeCur = sp.large.cur.values.slice(0, 100_000) as Float64Array;
const large = computeDrift({ reference: [{ name: 'x0', kind: 'numeric', values: largeRef }], current: [{ name: 'x0', kind: 'numeric', values: largeCur }] });
const largeCase = casesOf([{ name: 'x0', kind: 'numeric', values: largeRef }], [{ name: 'x0', kind: 'numeric', values: largeCur }], large);
// Lathe's time on exactly the cases scipy computes: the anchor repetitions again.
const oursT0 = performance.now();
for (const c of [...anchor, ...largeCase]) {
  const col = (v: (number | string)[]): DriftColumn => (c.kind === 'numeric' ? { name: 'f', kind: 'numeric', values: Float64Array.from(v as number[]) } : { name: 'f', kind: 'categorical', values: v as string[] });
  computeDrift({ reference: [col(c.ref)], current: [col(c.cur)] });
}
const oursSeconds = (performance.now() - oursT0) / 1000;
const scipy = anchorRun([...anchor, ...largeCase]);

const result: MonitorBench = {
  machine: machine(),
  data: `${HOUSING_FILE}: ${t.rows} rows × ${t.names.length} columns; reference ${REF_ROWS} rows, window ${WINDOW} rows, disjoint, drawn per repetition`,
  settings: MONITOR_DEFAULTS,
  scenarios,
  speed: { rows: sp.rows, columns: sp.columns, maxRows: sp.maxRows, seconds: sp.seconds, uncappedSeconds: sp.uncappedSeconds, driftedCapped: sp.driftedCapped, x0: { capped: { statistic: sp.x0.capped.statistic, adjustedPValue: sp.x0.capped.adjustedPValue, wasserstein: sp.x0.capped.effect.wasserstein, drifted: sp.x0.capped.drifted }, full: { statistic: sp.x0.full.statistic, adjustedPValue: sp.x0.full.adjustedPValue, wasserstein: sp.x0.full.effect.wasserstein, drifted: sp.x0.full.drifted } } },
  anchor: scipy && { ...scipy, cases: anchor.length + largeCase.length, oursSeconds },
  targets: {
    falseAlarm: { target: '≤ 5 %', value: scenarios.aa.alarmRate, met: scenarios.aa.alarmRate <= 0.05 },
    meanShift: { target: '≥ 90 % in one window', value: scenarios.mean.detectionRate!, met: scenarios.mean.detectionRate! >= 0.9 },
    newCategory: { target: '≥ 90 % in one window', value: scenarios.category.detectionRate!, met: scenarios.category.detectionRate! >= 0.9 },
    speed: { target: '< 5 s', value: sp.seconds, met: sp.seconds < 5 },
    anchor: { target: '≤ 1e-6', value: scipy ? Math.max(...Object.values(scipy.diff).flatMap((d) => [d.statistic ?? 0, d.pValue ?? 0])) : Number.NaN, met: scipy ? Object.values(scipy.diff).every((d) => (d.statistic ?? 0) <= 1e-6 && (d.pValue ?? 0) <= 1e-6) : false },
  },
};
writeReport('monitor', result, markdown(result));
