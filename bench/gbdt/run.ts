/**
 * GBDT benchmark: our histogram gradient boosting against xgboost
 * (tree_method=hist, Debian python3-xgboost) on California housing and adult,
 * on identical train/test rows.
 *
 * The TypeScript side loads the data, splits it with our split code, fits the
 * tree-mode pipeline on the training rows and writes the resulting float32
 * matrices to a temp folder; bench/gbdt/xgb_fit.py reads the same matrices.
 * Fit time = median of 3 runs of the trainer alone (binning included, data
 * loading excluded). Test metrics are computed by our metrics code for both.
 *
 * Besides the fixed 200-round comparison it measures our defaults (early
 * stopping 'auto') against 500 trees at depth 6 without stopping, and xgboost
 * with the same 500 rounds and with the same early stopping (same held-out
 * rows, patience and tree cap as our default).
 *
 * Usage: npm run bench:gbdt [-- --repeats 3] [--draws 5] [--synthetic 200000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainGbdt } from '../../models/gbdt/train';
import { DEFAULT_GBDT_PARAMS, earlyStoppingOn, GBDT_AUTO_EARLY_STOPPING_ROWS, GbdtParams } from '../../models/gbdt/params';
import { takeMatrixRows, takeValues } from '../../models/gbdt/matrix';
import { randomSplit } from '../../models/split/split';
import { regressionMetrics } from '../../models/metrics/regression';
import { classificationMetrics } from '../../models/metrics/classification';
import { adult, housing, synthetic, Problem } from './data';
import { findXgboostPython } from '../lib/python';
import { machine, writeReport } from '../lib/report';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPEATS = Number(flag('--repeats') ?? 3);
/** Held-out draws (seeds 0..N-1) the default is also scored over, since its held-out rows move with the seed. */
const DRAWS = Number(flag('--draws') ?? 5);
const SYNTHETIC_ROWS = flag('--synthetic') ? Number(flag('--synthetic')) : 0;
const THREADS = os.cpus().length;

const SETTINGS = { trees: 200, maxDepth: 6, learningRate: 0.1, minChildWeight: 1, l2: 1, maxBins: 255 };
/** Our configurations measured against each other: the defaults, and a long fixed run. */
const VARIANTS = [
  { key: 'default', label: 'lathe default', params: {} as Partial<GbdtParams> },
  { key: 'trees500', label: 'lathe 500 trees depth 6', params: { trees: 500, maxDepth: 6, learningRate: 0.1, earlyStopping: 'off' } as Partial<GbdtParams> },
] as const;
const TARGETS = { fitTimeRatio: 1.5 };

// ---------------------------------------------------------------- python / xgboost

const python = findXgboostPython();
if (!python) {
  console.error('xgboost for Python is missing. Install it with:\n  apt-get install -y python3-xgboost\n(or set LATHE_PYTHON to a python3 that can import xgboost)');
  process.exit(1);
}

interface XgbFit {
  fitSeconds: number[];
  /** Rounds used for prediction (the best round with early stopping) and rounds trained. */
  rounds: number;
  trained: number;
  pred: Float64Array;
}

interface XgbRun {
  version: string;
  nthread: number;
  /** fixed200: the SETTINGS comparison; fixed500: 500 rounds; earlyStopping: our default's stopping rule. */
  runs: Record<'fixed200' | 'fixed500' | 'earlyStopping', XgbFit>;
}

/** The rows our trainer holds out for early stopping with default params (same split call as models/gbdt/train.ts). */
function defaultHoldout(p: Problem) {
  const d = DEFAULT_GBDT_PARAMS;
  return randomSplit(p.train.nRows, d.validationFraction, d.seed ^ 0x5eed, p.task === 'binary' ? p.train.y : undefined);
}

function runXgboost(p: Problem): XgbRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-gbdt-bench-'));
  try {
    const write = (name: string, a: Float32Array | Float64Array) => writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    write('X_train.f32', p.train.X);
    write('X_test.f32', p.test.X);
    write('y_train.f64', p.train.y);
    const d = DEFAULT_GBDT_PARAMS;
    const stopping = earlyStoppingOn(d, p.train.nRows);
    const runs: Record<string, unknown>[] = [{ name: 'fixed200', rounds: SETTINGS.trees }, { name: 'fixed500', rounds: 500 }];
    if (stopping) {
      const s = defaultHoldout(p);
      write('X_fit_earlyStopping.f32', takeMatrixRows(p.train.X, p.nCols, s.train));
      write('y_fit_earlyStopping.f64', takeValues(p.train.y, s.train));
      write('X_valid_earlyStopping.f32', takeMatrixRows(p.train.X, p.nCols, s.test));
      write('y_valid_earlyStopping.f64', takeValues(p.train.y, s.test));
      runs.push({ name: 'earlyStopping', rounds: d.trees, earlyStoppingRounds: d.earlyStoppingRounds, nFit: s.train.length, nValid: s.test.length });
    } else runs.push({ name: 'earlyStopping', rounds: d.trees });
    const job = {
      dir,
      nTrain: p.train.nRows,
      nTest: p.test.nRows,
      nCols: p.nCols,
      featureTypes: p.categoryCounts.map((k) => (k > 0 ? 'c' : 'q')),
      objective: p.task === 'regression' ? 'reg:squarederror' : 'binary:logistic',
      evalMetric: p.task === 'regression' ? 'rmse' : 'logloss',
      runs,
      repeats: REPEATS,
      params: {
        tree_method: 'hist',
        max_depth: SETTINGS.maxDepth,
        eta: SETTINGS.learningRate,
        min_child_weight: SETTINGS.minChildWeight,
        lambda: SETTINGS.l2,
        max_bin: SETTINGS.maxBins,
        nthread: THREADS,
        verbosity: 1,
      },
    };
    const jobPath = path.join(dir, 'job.json');
    writeFileSync(jobPath, JSON.stringify(job));
    const r = spawnSync(python!, [path.join(import.meta.dirname, 'xgb_fit.py'), jobPath], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`xgb_fit.py failed (${r.status}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { version: string; nthread: number; runs: Record<string, Omit<XgbFit, 'pred'>> };
    const fits = Object.fromEntries(Object.entries(out.runs).map(([name, fit]) => {
      const buf = readFileSync(path.join(dir, `pred_${name}.f64`));
      return [name, { ...fit, pred: new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) }];
    }));
    return { version: out.version, nthread: out.nthread, runs: fits as XgbRun['runs'] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- runs

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

interface OurRun {
  fitSeconds: number[];
  pred: Float64Array;
  /** Rounds kept in the model, rounds trained, rows held out for early stopping. */
  rounds: number;
  trained: number;
  heldOutRows: number;
}

/** `params` on top of the loss; the fixed comparison passes SETTINGS with early stopping off. */
function runOurs(p: Problem, params: Partial<GbdtParams>, threads?: number): OurRun {
  const full: Partial<GbdtParams> = { ...params, loss: p.task === 'regression' ? 'squared' : 'logloss' };
  const fitSeconds: number[] = [];
  let last: ReturnType<typeof trainGbdt> | null = null;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    last = trainGbdt({ X: p.train.X, nRows: p.train.nRows, nCols: p.nCols, y: p.train.y }, full, {
      categoryCounts: p.categoryCounts, featureNames: p.featureNames, threads,
    });
    fitSeconds.push((performance.now() - t0) / 1000);
  }
  return {
    fitSeconds, pred: last!.model.predict(p.test.X, p.test.nRows),
    rounds: last!.model.rounds, trained: last!.curves.train.length, heldOutRows: last!.heldOutRows,
  };
}

const FIXED: Partial<GbdtParams> = { ...SETTINGS, growth: 'depthwise', earlyStopping: 'off' };

type Metrics = Record<string, number>;

function metrics(p: Problem, pred: Float64Array): Metrics {
  if (p.task === 'regression') {
    const m = regressionMetrics(p.test.y, pred);
    return { rmse: m.rmse, r2: m.r2, mae: m.mae };
  }
  const m = classificationMetrics(Array.from(p.test.y), pred, 2);
  return { errorRate: 1 - m.accuracy, auc: m.auc, logloss: m.logloss };
}

/** One configuration's outcome in the defaults table. */
interface ConfigResult {
  label: string;
  rounds: number;
  trained: number;
  heldOutRows: number;
  fitSeconds: number[];
  medianSeconds: number;
  minSeconds: number;
  metrics: Metrics;
}

function configResult(p: Problem, label: string, r: { fitSeconds: number[]; pred: Float64Array; rounds: number; trained: number; heldOutRows?: number }): ConfigResult {
  return {
    label, rounds: r.rounds, trained: r.trained, heldOutRows: r.heldOutRows ?? 0,
    fitSeconds: r.fitSeconds, medianSeconds: median(r.fitSeconds), minSeconds: Math.min(...r.fitSeconds), metrics: metrics(p, r.pred),
  };
}

/** Quality no worse than xgboost: RMSE within 1 %, error rate within 0.25 points and AUC within 0.002. */
function qualityMet(p: Problem, ours: Metrics, xgb: Metrics): boolean {
  if (p.task === 'regression') return ours.rmse <= xgb.rmse * 1.01;
  return ours.errorRate <= xgb.errorRate + 0.0025 && ours.auc >= xgb.auc - 0.002;
}

interface DatasetResult {
  dataset: string;
  source: string;
  task: Problem['task'];
  trainRows: number;
  testRows: number;
  features: number;
  categoricalFeatures: number;
  ours: { fitSeconds: number[]; medianSeconds: number; minSeconds: number; metrics: Metrics };
  xgboost: { fitSeconds: number[]; medianSeconds: number; minSeconds: number; metrics: Metrics };
  /** Our gbdt with histogram helper threads on every core (the default leaves one core free). */
  oursAllCores: { threads: number; fitSeconds: number[]; medianSeconds: number; minSeconds: number; samePredictions: boolean } | null;
  fitTimeRatio: number;
  /** Ratio of the fastest runs: less sensitive to other processes on the machine. */
  minFitTimeRatio: number;
  targets: { quality: boolean; fitTime: boolean };
  /**
   * Our defaults against 500 trees at depth 6 (no early stopping), and xgboost with the same 500 rounds
   * and with our default's early stopping (same held-out rows, patience, cap).
   */
  defaults: {
    lathe: Record<(typeof VARIANTS)[number]['key'], ConfigResult>;
    xgboost500: ConfigResult;
    xgboostEarlyStopping: ConfigResult;
    /** The default's test metric is no worse than 500 trees at depth 6 (every metric listed). */
    noWorseThan500: boolean;
    /** The default with seeds 0..DRAWS-1 (each a different held-out share): trees kept and test metrics, and their mean. */
    draws: { seed: number; rounds: number; trained: number; metrics: Metrics }[];
    drawsMean: Metrics;
    /** The mean over the draws is no worse than 500 trees at depth 6 (every metric listed). */
    drawsMeanNoWorseThan500: boolean;
  };
}

function bench(p: Problem, xgb: XgbRun): DatasetResult {
  console.log(`${p.name}: ${p.train.nRows} train / ${p.test.nRows} test rows, ${p.nCols} features`);
  for (const [name, fit] of Object.entries(xgb.runs)) {
    console.log(`  xgboost ${name}: ${fit.rounds} rounds kept of ${fit.trained}, ${fit.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
  }
  const ours = runOurs(p, FIXED);
  console.log(`  gbdt    ${ours.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
  let allCores: DatasetResult['oursAllCores'] = null;
  if (THREADS > 1) {
    const a = runOurs(p, FIXED, THREADS);
    console.log(`  gbdt ${THREADS} threads ${a.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
    allCores = {
      threads: THREADS, fitSeconds: a.fitSeconds, medianSeconds: median(a.fitSeconds), minSeconds: Math.min(...a.fitSeconds),
      samePredictions: a.pred.every((v, i) => v === ours.pred[i]),
    };
  }
  const x200 = xgb.runs.fixed200;
  const om = metrics(p, ours.pred), xm = metrics(p, x200.pred);
  const oT = median(ours.fitSeconds), xT = median(x200.fitSeconds);
  const ratio = oT / xT;
  const lathe = {} as DatasetResult['defaults']['lathe'];
  for (const v of VARIANTS) {
    const r = configResult(p, v.label, runOurs(p, v.params));
    console.log(`  ${v.label}: ${r.rounds} trees kept of ${r.trained} trained, ${r.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
    lathe[v.key] = r;
  }
  const fm = lathe.trees500.metrics;
  const noWorse = (m: Metrics) => (p.task === 'regression'
    ? m.rmse <= fm.rmse
    : m.errorRate <= fm.errorRate && m.auc >= fm.auc && m.logloss <= fm.logloss);
  const draws = Array.from({ length: DRAWS }, (_, seed) => {
    const res = trainGbdt({ X: p.train.X, nRows: p.train.nRows, nCols: p.nCols, y: p.train.y }, { seed, loss: p.task === 'regression' ? 'squared' : 'logloss' }, {
      categoryCounts: p.categoryCounts, featureNames: p.featureNames,
    });
    return { seed, rounds: res.model.rounds, trained: res.curves.train.length, metrics: metrics(p, res.model.predict(p.test.X, p.test.nRows)) };
  });
  const drawsMean = draws.length === 0 ? {} : Object.fromEntries(Object.keys(draws[0].metrics).map((k) => [k, draws.reduce((a, d) => a + d.metrics[k], 0) / draws.length]));
  console.log(`  lathe default over ${DRAWS} held-out draws: ${draws.map((d) => `${d.rounds}/${d.trained}`).join(', ')} trees kept/trained`);
  return {
    dataset: p.name, source: p.source, task: p.task,
    trainRows: p.train.nRows, testRows: p.test.nRows, features: p.nCols,
    categoricalFeatures: p.categoryCounts.filter((k) => k > 0).length,
    ours: { fitSeconds: ours.fitSeconds, medianSeconds: oT, minSeconds: Math.min(...ours.fitSeconds), metrics: om },
    xgboost: { fitSeconds: x200.fitSeconds, medianSeconds: xT, minSeconds: Math.min(...x200.fitSeconds), metrics: xm },
    oursAllCores: allCores,
    fitTimeRatio: ratio,
    minFitTimeRatio: Math.min(...ours.fitSeconds) / Math.min(...x200.fitSeconds),
    targets: { quality: qualityMet(p, om, xm), fitTime: ratio <= TARGETS.fitTimeRatio },
    defaults: {
      lathe,
      xgboost500: configResult(p, 'xgboost 500 rounds depth 6', xgb.runs.fixed500),
      xgboostEarlyStopping: configResult(p, 'xgboost, our default early stopping', xgb.runs.earlyStopping),
      noWorseThan500: noWorse(lathe.default.metrics),
      draws, drawsMean, drawsMeanNoWorseThan500: draws.length > 0 && noWorse(drawsMean),
    },
  };
}

// ---------------------------------------------------------------- report

/** CPU contention from other processes (Linux PSI / load average); xgboost's OpenMP threads suffer most from it. */
function cpuPressure(): { loadAvg: number[]; psiSomeAvg10: number | null } {
  let psi: number | null = null;
  try {
    const m = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (m) psi = Number(m[1]);
  } catch {
    // not Linux or PSI disabled
  }
  return { loadAvg: os.loadavg().map((v) => Number(v.toFixed(2))), psiSomeAvg10: psi };
}
const pressureBefore = cpuPressure();

const problems = [housing(), adult()];
if (SYNTHETIC_ROWS > 0) problems.push(synthetic(SYNTHETIC_ROWS));
// xgboost runs first, while this process is idle: its OpenMP threads spin on both
// cores and slow down badly when V8's background GC threads are still busy.
const xgbRuns = problems.map(runXgboost);
const xgbVersion = xgbRuns[0].version;
const results = problems.map((p, i) => bench(p, xgbRuns[i]));

const pressureAfter = cpuPressure();
const fmt = (v: number, digits: number) => v.toFixed(digits);
const metricCell = (r: DatasetResult, m: Metrics) =>
  r.task === 'regression' ? `RMSE ${fmt(m.rmse, 0)}, R² ${fmt(m.r2, 4)}` : `error ${fmt(100 * m.errorRate, 2)} %, AUC ${fmt(m.auc, 4)}, log loss ${fmt(m.logloss, 4)}`;
const D = DEFAULT_GBDT_PARAMS;
const defaultRows = (r: DatasetResult) =>
  [r.defaults.lathe.default, r.defaults.lathe.trees500, r.defaults.xgboost500, r.defaults.xgboostEarlyStopping].map((c) =>
    `| ${r.dataset} | ${c.label} | ${c.rounds}${c.trained !== c.rounds ? ` (${c.trained} trained)` : ''} | ` +
    `${fmt(c.medianSeconds, 3)} (${fmt(c.minSeconds, 3)}) | ${metricCell(r, c.metrics)} |`);
const yes = (b: boolean) => (b ? 'met' : 'NOT met');

const md = [
  '# GBDT benchmark: Lathe gbdt vs xgboost (hist)',
  '',
  `Settings: ${SETTINGS.trees} trees, max depth ${SETTINGS.maxDepth}, learning rate ${SETTINGS.learningRate}, ` +
    `min child weight ${SETTINGS.minChildWeight}, lambda ${SETTINGS.l2}, max bins ${SETTINGS.maxBins}, depth-wise growth. ` +
    `xgboost ${xgbVersion}, tree_method=hist, nthread=${THREADS}, native categoricals. ` +
    `Fit time = median of ${REPEATS} runs of the trainer (binning included, data loading excluded); both read the same float32 matrices.`,
  '',
  '| dataset | rows (train / test) | gbdt fit s (min) | xgboost fit s (min) | ratio (of mins) | gbdt test metric | xgboost test metric | quality target | time target (≤ 1.5×) |',
  '| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- |',
  ...results.map((r) =>
    `| ${r.dataset} | ${r.trainRows} / ${r.testRows} | ${fmt(r.ours.medianSeconds, 3)} (${fmt(r.ours.minSeconds, 3)}) | ${fmt(r.xgboost.medianSeconds, 3)} (${fmt(r.xgboost.minSeconds, 3)}) | ` +
    `${fmt(r.fitTimeRatio, 2)}× (${fmt(r.minFitTimeRatio, 2)}×) | ` +
    `${metricCell(r, r.ours.metrics)} | ${metricCell(r, r.xgboost.metrics)} | ${yes(r.targets.quality)} | ${yes(r.targets.fitTime)} |`),
  '',
  ...(results.some((r) => r.oursAllCores)
    ? [
      `gbdt with histogram helper threads on all ${THREADS} cores (the default leaves one core to the app, so 1 thread here): ` +
        results.map((r) => `${r.dataset} ${fmt(r.oursAllCores!.medianSeconds, 3)} s (min ${fmt(r.oursAllCores!.minSeconds, 3)} s, ` +
          `${fmt(r.oursAllCores!.medianSeconds / r.xgboost.medianSeconds, 2)}× xgboost, ${r.oursAllCores!.samePredictions ? 'identical' : 'DIFFERENT'} predictions)`).join('; ') + '.',
      '',
    ]
    : []),
  '## Defaults',
  '',
  `lathe default = the trainer's defaults: up to ${D.trees} trees, depth ${D.maxDepth}, learning rate ${D.learningRate}, ` +
    `early stopping '${D.earlyStopping}' (on above ${GBDT_AUTO_EARLY_STOPPING_ROWS.toLocaleString('en')} training rows: ${100 * D.validationFraction} % of the training rows held out, ` +
    `patience ${D.earlyStoppingRounds} rounds, the trees up to the best round kept). ` +
    'lathe 500 trees depth 6 = learning rate 0.1, no early stopping, every training row. ' +
    'xgboost with our default early stopping trains on the same rows, stops on the same held-out rows with the same patience and cap, and predicts with the trees up to its best round. ' +
    `Fit time = median (min) of ${REPEATS} runs; the default's time includes the rounds after the best one.`,
  '',
  '| dataset | configuration | trees kept | fit s (min) | test metric |',
  '| --- | --- | ---: | ---: | --- |',
  ...results.flatMap(defaultRows),
  '',
  'Default no worse than 500 trees at depth 6 (every metric listed): ' +
    results.map((r) => `${r.dataset} ${r.defaults.noWorseThan500 ? 'yes' : 'NO'}`).join(', ') + '.',
  ...(DRAWS > 0
    ? [
      '',
      `The held-out rows depend on the seed (0 above). The default over seeds 0–${DRAWS - 1}, one fit each: ` +
        results.map((r) => {
          const key = r.task === 'regression' ? 'rmse' : 'logloss';
          const vals = r.defaults.draws.map((d) => d.metrics[key]);
          return `${r.dataset} mean ${metricCell(r, r.defaults.drawsMean)} (${key} ${fmt(Math.min(...vals), key === 'rmse' ? 0 : 4)}–${fmt(Math.max(...vals), key === 'rmse' ? 0 : 4)}; ` +
            `trees kept ${r.defaults.draws.map((d) => d.rounds).join(', ')}), mean no worse than 500 trees: ${r.defaults.drawsMeanNoWorseThan500 ? 'yes' : 'NO'}`;
        }).join('; ') + '.',
    ]
    : []),
  '',
  'Quality target: no worse than xgboost (regression: RMSE within 1 %; classification: error rate within 0.25 points and AUC within 0.002). ' +
    'Published gradient boosting baselines for sanity: housing RMSE ≈ 47,000, adult error ≈ 12.8 %.',
  '',
  `Machine: ${machine().cpus} × ${machine().cpuModel}, ${machine().memoryGiB} GiB, Node ${machine().node}. ` +
    `CPU contention from other processes before / after: load ${pressureBefore.loadAvg[0]} / ${pressureAfter.loadAvg[0]}` +
    (pressureBefore.psiSomeAvg10 === null ? '.' : `, PSI some avg10 ${pressureBefore.psiSomeAvg10} % / ${pressureAfter.psiSomeAvg10} %. `) +
    'Targets are judged on the medians; under contention xgboost (OpenMP, spinning threads on every core) slows down far more than the single-threaded gbdt, so compare the min ratio too.',
].join('\n');

writeReport('gbdt', {
  generatedAt: new Date().toISOString(),
  machine: machine(),
  settings: {
    ...SETTINGS, growth: 'depthwise', repeats: REPEATS, xgboost: { version: xgbVersion, treeMethod: 'hist', nthread: THREADS },
    defaults: { ...DEFAULT_GBDT_PARAMS, autoEarlyStoppingRows: GBDT_AUTO_EARLY_STOPPING_ROWS },
  },
  targets: { quality: 'no worse than xgboost', fitTimeRatio: TARGETS.fitTimeRatio },
  cpuPressure: { before: pressureBefore, after: pressureAfter },
  baselines: { californiaHousingRmse: 47000, adultErrorRate: 0.128 },
  results,
}, md);
