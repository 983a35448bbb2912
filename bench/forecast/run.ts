/**
 * Forecasting benchmark: Lathe's `auto`, `ets` and `theta` (optimized, and the standard θ = 2) against
 * statsmodels' ETSModel chosen by AICc over the same set of models (Debian python3-statsmodels), statsmodels'
 * SARIMAX where the series has well-known orders (the airline model (0,1,1)(0,1,1)12 on log values, for airline
 * and co2), and augurs (Grafana's Rust library through @bsull/augurs: AutoETS, and MSTL with an AutoETS trend),
 * on the airline passengers sample and on the real series statsmodels ships (co2, elnino, sunspots, every
 * macrodata column).
 *
 * Two measures, both scored by Lathe's accuracy code for every method:
 * - the single cut: every method fits the same training values and forecasts the same held-out tail (airline:
 *   train before 1958-01, horizon 36; monthly 24, quarterly 8, yearly 10);
 * - the rolling origin: the last ROLLING_WINDOWS origins of the whole series, one step apart, each forecasting
 *   the horizon; models are fitted once at the first origin and their state moved on with the new values
 *   (Lathe's update; statsmodels' ETSModel.smooth and SARIMAXResults.apply with the fitted parameters).
 *   augurs has no such update, so it is refitted at every origin.
 *
 * Fit time covers model selection (statsmodels: every candidate fit; Lathe's auto: its backtest, refits and
 * calibration). With --repeats r the methods run in turns r times (statsmodels, Lathe, augurs, again…) so that
 * load from other processes falls on all alike, and the median per series is kept; Lathe and augurs run once
 * before timing so the JIT is warm, as in a running app.
 *
 * Usage: npm run bench:forecast [-- --repeats 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitAuto } from '../../models/forecast/auto';
import { fitEts } from '../../models/forecast/ets/family';
import { AccuracyAccumulator } from '../../models/forecast/accuracy';
import { accuracy, backtest, naiveScale, type Accuracy } from '../../models/forecast/evaluate';
import { buildSeries } from '../../models/forecast/series';
import { thetaFamily } from '../../models/forecast/theta';
import type { Forecast, ForecastModel } from '../../models/forecast/types';
import { findStatsmodelsPython } from '../lib/python';
import { writeReport } from '../lib/report';
import { augursForecast, augursVersion, describeAugurs, timedAugurs, type AugursMethod } from './augurs';
import { report, type MethodResult, type RollingResult, type SeriesResult } from './markdown';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPEATS = Number(flag('--repeats') ?? 3);
const ROLLING_WINDOWS = 24;
const here = import.meta.dirname;

const python = findStatsmodelsPython();
if (!python) {
  console.error('statsmodels for Python is missing. Install it with:\n  apt-get install -y python3-statsmodels\n(or set LATHE_PYTHON to a python3 that can import statsmodels)');
  process.exit(1);
}

interface BenchSeries {
  name: string;
  source: string;
  timestamps: string[];
  values: number[];
  period: number;
  horizon: number;
}

/** Orders stated for the series where SARIMA is the textbook model (Box & Jenkins' airline model). */
const SARIMA: Record<string, { order: number[]; seasonal: number[] }> = {
  airline: { order: [0, 1, 1], seasonal: [0, 1, 1, 12] },
  co2: { order: [0, 1, 1], seasonal: [0, 1, 1, 12] },
};

function airline(): BenchSeries {
  const file = path.resolve(here, '../../resources/samples/airline_passengers/airline-passengers.csv');
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
  return {
    name: 'airline', source: 'resources/samples airline passengers (monthly, 1949–1960)',
    timestamps: rows.map((r) => JSON.parse(r[0]) as string), values: rows.map((r) => Number(r[1])), period: 12, horizon: 36,
  };
}

function py(argv: string[], job?: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-forecast-bench-'));
  try {
    const file = path.join(dir, 'job.json');
    if (job !== undefined) writeFileSync(file, JSON.stringify(job));
    const r = spawnSync(python!, [path.join(here, 'statsmodels_ets.py'), ...argv, ...(job !== undefined ? [file] : [])], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`statsmodels_ets.py ${argv[0]} failed (${r.status}):\n${r.stderr}`);
    return r.stdout.trim().split('\n').at(-1)!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};

// ---------------------------------------------------------------- data

const all: BenchSeries[] = [airline(), ...(JSON.parse(py(['load'])) as BenchSeries[])];
const problems = all.map((s) => {
  const series = buildSeries({ timestamps: s.timestamps, values: s.values });
  const period = Math.round(series.seasonalPeriods[0] ?? 1);
  // The frequency Lathe detects must give the period the Python side assumes.
  if (period !== s.period) throw new Error(`${s.name}: detected ${series.frequency} (period ${period}), expected period ${s.period}`);
  const n = series.values.length - s.horizon;
  return { ...s, frequency: series.frequency, y: series.values, train: series.values.slice(0, n), test: series.values.slice(n), sarima: SARIMA[s.name] };
});

// ---------------------------------------------------------------- single cut, methods in turns

interface PyFit {
  name: string;
  model: string;
  fitSeconds: number;
  mean: number[];
  lower95: number[];
  upper95: number[];
  /** The ETS forecast's MAPE on the held-out tail, computed by numpy on the Python side (a fraction). */
  mape?: number | null;
  sarima?: Omit<PyFit, 'name' | 'sarima' | 'mape'>;
}
type Lathe = 'ets' | 'theta' | 'theta2' | 'auto';
const LATHE: Record<Lathe, (p: (typeof problems)[number]) => ForecastModel> = {
  ets: (p) => fitEts(p.train, { seasonalPeriod: p.period }),
  theta: (p) => thetaFamily.fit(p.train, { seasonalPeriod: p.period }),
  theta2: (p) => thetaFamily.fit(p.train, { seasonalPeriod: p.period, params: { theta: 2 } }),
  auto: (p) => fitAuto(p.train, { seasonalPeriod: p.period, horizon: p.horizon }),
};
const AUGURS: AugursMethod[] = ['augurs-ets', 'augurs-mstl'];

const toForecast = (r: { mean: number[]; lower95: number[]; upper95: number[] }): Forecast =>
  ({ mean: Float64Array.from(r.mean), lower: { 95: Float64Array.from(r.lower95) }, upper: { 95: Float64Array.from(r.upper95) } });

for (const m of Object.values(LATHE)) m(problems[0]);
for (const m of AUGURS) augursForecast(m, problems[0].train, problems[0].period, problems[0].horizon);

let smVersion = '';
const smMape: number[] = problems.map(() => NaN);
const times = problems.map(() => new Map<string, number[]>());
const last = problems.map(() => new Map<string, { forecast: Forecast; model: string }>());
const record = (i: number, method: string, seconds: number, forecast: Forecast, model: string) => {
  if (!times[i].has(method)) times[i].set(method, []);
  times[i].get(method)!.push(seconds);
  last[i].set(method, { forecast, model });
};
for (let r = 0; r < REPEATS; r++) {
  console.log(`round ${r + 1} of ${REPEATS}: statsmodels, Lathe, augurs…`);
  const sm = JSON.parse(py(['fit'], { repeats: 1, series: problems.map((p) => ({ name: p.name, train: Array.from(p.train), test: Array.from(p.test), period: p.period, horizon: p.horizon, sarima: p.sarima })) })) as { version: string; results: PyFit[] };
  smVersion = sm.version;
  sm.results.forEach((s, i) => {
    smMape[i] = s.mape ?? NaN;
    record(i, 'statsmodels', s.fitSeconds, toForecast(s), s.model);
    if (s.sarima) record(i, 'sarima', s.sarima.fitSeconds, toForecast(s.sarima), s.sarima.model);
  });
  problems.forEach((p, i) => {
    for (const [method, fit] of Object.entries(LATHE)) {
      const t0 = performance.now();
      const model = fit(p);
      record(i, method, (performance.now() - t0) / 1000, model.forecast(p.horizon, [95]), model.describe());
    }
  });
  problems.forEach((p, i) => {
    for (const method of AUGURS) {
      const { forecast, seconds } = timedAugurs(method, p.train, p.period, p.horizon);
      record(i, method, seconds, forecast, describeAugurs(method, p.period));
    }
  });
}

const results: SeriesResult[] = problems.map((p, i) => {
  const methods: Record<string, MethodResult> = {};
  for (const [method, { forecast, model }] of last[i]) {
    const a = accuracy(p.test, forecast, p.train, p.period);
    methods[method] = { model, fitSeconds: median(times[i].get(method)!), mase: a.mase, mape: a.mape, coverage95: a.intervals[95].coverage };
  }
  const f = (m: string) => methods[m]?.mase.toFixed(3) ?? '–';
  console.log(`${p.name}: MASE sm ${f('statsmodels')} ets ${f('ets')} auto ${f('auto')} theta ${f('theta')} augurs-mstl ${f('augurs-mstl')}`);
  return { series: p.name, source: p.source, frequency: p.frequency, period: p.period, train: p.train.length, horizon: p.horizon, methods, statsmodelsMapeByNumpy: smMape[i] };
});

// ---------------------------------------------------------------- rolling origin

function scoreOrigins(y: Float64Array, origins: { origin: number; forecast: Forecast }[], h: number, period: number): Accuracy {
  const acc = new AccuracyAccumulator([95]);
  for (const { origin, forecast } of origins) {
    const scale = naiveScale(y.subarray(0, origin), period);
    for (let j = 0; j < h; j++) acc.add(y[origin + j], forecast, j, scale);
  }
  return acc.result();
}

console.log(`rolling origin: ${ROLLING_WINDOWS} origins per series…`);
const smRolling = JSON.parse(py(['rolling'], {
  series: problems.map((p) => ({ name: p.name, y: Array.from(p.y), period: p.period, horizon: p.horizon, windows: ROLLING_WINDOWS, sarima: p.sarima })),
})) as { results: { name: string; ets: ({ origin: number } & PyFit)[]; sarima?: ({ origin: number } & PyFit)[] }[] };

const rolling: RollingResult[] = problems.map((p, i) => {
  const opts = { horizon: p.horizon, windows: ROLLING_WINDOWS, seasonalPeriod: p.period, levels: [95] };
  const methods: Record<string, Accuracy> = {
    ets: backtest(p.y, (train) => fitEts(train, { seasonalPeriod: p.period }), opts).overall,
    auto: backtest(p.y, (train) => fitAuto(train, { seasonalPeriod: p.period, horizon: p.horizon }), opts).overall,
    theta: backtest(p.y, (train) => thetaFamily.fit(train, { seasonalPeriod: p.period }), opts).overall,
    theta2: backtest(p.y, (train) => thetaFamily.fit(train, { seasonalPeriod: p.period, params: { theta: 2 } }), opts).overall,
  };
  const sm = smRolling.results[i];
  methods.statsmodels = scoreOrigins(p.y, sm.ets.map((o) => ({ origin: o.origin, forecast: toForecast(o) })), p.horizon, p.period);
  if (sm.sarima) methods.sarima = scoreOrigins(p.y, sm.sarima.map((o) => ({ origin: o.origin, forecast: toForecast(o) })), p.horizon, p.period);
  const first = p.y.length - p.horizon - ROLLING_WINDOWS + 1;
  for (const method of AUGURS) {
    const origins = Array.from({ length: ROLLING_WINDOWS }, (_, w) => first + w)
      .map((origin) => ({ origin, forecast: augursForecast(method, p.y.slice(0, origin), p.period, p.horizon) }));
    methods[method] = scoreOrigins(p.y, origins, p.horizon, p.period);
  }
  return { series: p.name, points: methods.ets.n, methods: Object.fromEntries(Object.entries(methods).map(([m, a]) => [m, { mase: a.mase, coverage95: a.intervals[95].coverage }])) };
});

const { markdown, json } = report({ results, rolling, repeats: REPEATS, rollingWindows: ROLLING_WINDOWS, statsmodels: smVersion, augurs: augursVersion });
writeReport('forecast', json, markdown);
