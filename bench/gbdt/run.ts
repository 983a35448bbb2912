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
 * Usage: npm run bench:gbdt [-- --repeats 3] [--synthetic 200000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainGbdt } from '../../models/gbdt/train';
import type { GbdtParams } from '../../models/gbdt/params';
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
const SYNTHETIC_ROWS = flag('--synthetic') ? Number(flag('--synthetic')) : 0;
const THREADS = os.cpus().length;

const SETTINGS = { trees: 200, maxDepth: 6, learningRate: 0.1, minChildWeight: 1, l2: 1, maxBins: 255 };
const TARGETS = { fitTimeRatio: 1.5 };

// ---------------------------------------------------------------- python / xgboost

const python = findXgboostPython();
if (!python) {
  console.error('xgboost for Python is missing. Install it with:\n  apt-get install -y python3-xgboost\n(or set LATHE_PYTHON to a python3 that can import xgboost)');
  process.exit(1);
}

interface XgbRun {
  version: string;
  fitSeconds: number[];
  nthread: number;
  pred: Float64Array;
}

function runXgboost(p: Problem): XgbRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-gbdt-bench-'));
  try {
    const write = (name: string, a: Float32Array | Float64Array) => writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    write('X_train.f32', p.train.X);
    write('X_test.f32', p.test.X);
    write('y_train.f64', p.train.y);
    const job = {
      dir,
      nTrain: p.train.nRows,
      nTest: p.test.nRows,
      nCols: p.nCols,
      featureTypes: p.categoryCounts.map((k) => (k > 0 ? 'c' : 'q')),
      objective: p.task === 'regression' ? 'reg:squarederror' : 'binary:logistic',
      rounds: SETTINGS.trees,
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
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Omit<XgbRun, 'pred'>;
    const buf = readFileSync(path.join(dir, 'pred_test.f64'));
    const pred = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return { ...out, pred };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- runs

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function runOurs(p: Problem, threads?: number): { fitSeconds: number[]; pred: Float64Array } {
  const params: Partial<GbdtParams> = { ...SETTINGS, loss: p.task === 'regression' ? 'squared' : 'logloss', growth: 'depthwise' };
  const fitSeconds: number[] = [];
  let pred: Float64Array | null = null;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const res = trainGbdt({ X: p.train.X, nRows: p.train.nRows, nCols: p.nCols, y: p.train.y }, params, {
      categoryCounts: p.categoryCounts, featureNames: p.featureNames, threads,
    });
    fitSeconds.push((performance.now() - t0) / 1000);
    pred = res.model.predict(p.test.X, p.test.nRows);
  }
  return { fitSeconds, pred: pred! };
}

type Metrics = Record<string, number>;

function metrics(p: Problem, pred: Float64Array): Metrics {
  if (p.task === 'regression') {
    const m = regressionMetrics(p.test.y, pred);
    return { rmse: m.rmse, r2: m.r2, mae: m.mae };
  }
  const m = classificationMetrics(Array.from(p.test.y), pred, 2);
  return { errorRate: 1 - m.accuracy, auc: m.auc, logloss: m.logloss };
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
}

function bench(p: Problem, xgb: XgbRun): DatasetResult {
  console.log(`${p.name}: ${p.train.nRows} train / ${p.test.nRows} test rows, ${p.nCols} features`);
  console.log(`  xgboost ${xgb.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
  const ours = runOurs(p);
  console.log(`  gbdt    ${ours.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
  let allCores: DatasetResult['oursAllCores'] = null;
  if (THREADS > 1) {
    const a = runOurs(p, THREADS);
    console.log(`  gbdt ${THREADS} threads ${a.fitSeconds.map((s) => s.toFixed(2)).join(' / ')} s`);
    allCores = {
      threads: THREADS, fitSeconds: a.fitSeconds, medianSeconds: median(a.fitSeconds), minSeconds: Math.min(...a.fitSeconds),
      samePredictions: a.pred.every((v, i) => v === ours.pred[i]),
    };
  }
  const om = metrics(p, ours.pred), xm = metrics(p, xgb.pred);
  const oT = median(ours.fitSeconds), xT = median(xgb.fitSeconds);
  const ratio = oT / xT;
  return {
    dataset: p.name, source: p.source, task: p.task,
    trainRows: p.train.nRows, testRows: p.test.nRows, features: p.nCols,
    categoricalFeatures: p.categoryCounts.filter((k) => k > 0).length,
    ours: { fitSeconds: ours.fitSeconds, medianSeconds: oT, minSeconds: Math.min(...ours.fitSeconds), metrics: om },
    xgboost: { fitSeconds: xgb.fitSeconds, medianSeconds: xT, minSeconds: Math.min(...xgb.fitSeconds), metrics: xm },
    oursAllCores: allCores,
    fitTimeRatio: ratio,
    minFitTimeRatio: Math.min(...ours.fitSeconds) / Math.min(...xgb.fitSeconds),
    targets: { quality: qualityMet(p, om, xm), fitTime: ratio <= TARGETS.fitTimeRatio },
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
  r.task === 'regression' ? `RMSE ${fmt(m.rmse, 0)}, R² ${fmt(m.r2, 4)}` : `error ${fmt(100 * m.errorRate, 2)} %, AUC ${fmt(m.auc, 4)}`;
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
  settings: { ...SETTINGS, growth: 'depthwise', repeats: REPEATS, xgboost: { version: xgbVersion, treeMethod: 'hist', nthread: THREADS } },
  targets: { quality: 'no worse than xgboost', fitTimeRatio: TARGETS.fitTimeRatio },
  cpuPressure: { before: pressureBefore, after: pressureAfter },
  baselines: { californiaHousingRmse: 47000, adultErrorRate: 0.128 },
  results,
}, md);
