/**
 * Incremental training benchmark, one command: `npm run bench:incremental [-- --reps 3]`.
 *
 * California housing (the sample): a fixed held-out test set of 20 % of the rows (random, seed 42); the
 * other rows in file order (time-like) are split into an initial 70 % and a later 30 %. gbdt with the
 * family's defaults, trained the way a run trains (models/train: pipeline, calibration share, early stopping):
 * - anchor, in the same run: a full retrain on initial + later (100 %);
 * - incremental: the champion trained on the initial 70 % (its time is not counted: it already exists), then
 *   continued on the later 30 % (warmStart: its pipeline, margins and trees, new trees added).
 * Reported: test RMSE of both (target: incremental within 0.5 % of the full retrain) and the median time of
 * each over --reps repetitions, interleaved (target: incremental ≤ 40 % of the full retrain's time); beside
 * them the champion alone and a fresh model on the later 30 % only, to show what continuing adds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeFrame, numericColumn, stringColumn, takeRows, type Frame } from '../../models/frame/frame';
import { randomSplit } from '../../models/split/split';
import { mulberry32, shuffleInPlace } from '../../models/split/prng';
import { trainModel, type ModelArtifact, type TrainResult } from '../../models/train/index';
import { GBDT_DEFAULTS } from '../../shared/families/index';
import { machine, writeReport } from '../lib/report';

const argv = process.argv.slice(2);
const REPS = Number(argv[argv.indexOf('--reps') + 1]) || 3;
const root = path.resolve(import.meta.dirname, '..', '..');
const FILE = 'resources/samples/california_housing/housing.csv';
const TARGET = 'median_house_value';
const SEED = 42;

function load(): Frame {
  const lines = readFileSync(path.join(root, FILE), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  return makeFrame(names.map((h, j) => (h === 'ocean_proximity'
    ? stringColumn(h, cells.map((c) => c[j] || null))
    : numericColumn(h, cells.map((c) => (c[j] === '' ? NaN : Number(c[j])))))));
}

interface Timed {
  result: TrainResult;
  /** The whole run: pipeline, boosting, test predictions, intervals and permutation importance. */
  ms: number;
  /** Until the last tree was added (what the training itself costs, before the run's evaluation). */
  fitMs: number;
}

async function timed(frame: Frame, test: Frame, warmStart?: ModelArtifact): Promise<Timed> {
  const t0 = performance.now();
  let last = t0;
  const result = await trainModel(frame, { target: TARGET, family: 'gbdt', seed: SEED, split: { kind: 'holdout', test }, warmStart }, {
    onMetrics: () => {
      last = performance.now();
    },
  });
  return { result, ms: performance.now() - t0, fitMs: last - t0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const trees = (a: ModelArtifact) => (a.model as { trees: unknown[] }).trees.length;

async function scenario(frame: Frame, name: string, rest: Uint32Array, held: Frame) {
  const cut = Math.round(rest.length * 0.7);
  const initial = takeRows(frame, rest.subarray(0, cut));
  const later = takeRows(frame, rest.subarray(cut));
  const all = takeRows(frame, rest);
  console.log(`${name}: initial ${initial.rowCount}, later ${later.rowCount}, test ${held.rowCount}; ${REPS} repetitions`);
  const champion = await timed(initial, held);
  const full: Timed[] = [], inc: Timed[] = [];
  for (let r = 0; r < REPS; r++) {
    full.push(await timed(all, held));
    inc.push(await timed(later, held, champion.result.artifact));
    console.log(`  rep ${r + 1}: full ${full[r].ms.toFixed(0)} ms (fit ${full[r].fitMs.toFixed(0)}, rmse ${full[r].result.metrics.rmse.toFixed(0)}), incremental ${inc[r].ms.toFixed(0)} ms (fit ${inc[r].fitMs.toFixed(0)}, rmse ${inc[r].result.metrics.rmse.toFixed(0)})`);
  }
  const laterOnly = await timed(later, held);
  // The app's other case: the new data is the dataset's next version, old rows and appended ones together.
  const onAll = await timed(all, held, champion.result.artifact);
  const rmse = { full: full[0].result.metrics.rmse, incremental: inc[0].result.metrics.rmse, champion: champion.result.metrics.rmse, laterOnly: laterOnly.result.metrics.rmse, continuedOnAll: onAll.result.metrics.rmse };
  const time = {
    fullMs: median(full.map((t) => t.ms)), incrementalMs: median(inc.map((t) => t.ms)),
    fullFitMs: median(full.map((t) => t.fitMs)), incrementalFitMs: median(inc.map((t) => t.fitMs)),
    championMs: champion.ms, laterOnlyMs: laterOnly.ms, continuedOnAllMs: onAll.ms, continuedOnAllFitMs: onAll.fitMs,
  };
  return {
    name, rows: { initial: initial.rowCount, later: later.rowCount, all: all.rowCount, test: held.rowCount },
    rmse, time, runsMs: { full: full.map((t) => t.ms), incremental: inc.map((t) => t.ms) },
    trees: { champion: trees(champion.result.artifact), incremental: trees(inc[0].result.artifact), full: trees(full[0].result.artifact), laterOnly: trees(laterOnly.result.artifact), continuedOnAll: trees(onAll.result.artifact) },
    verdict: {
      rmseRatio: rmse.incremental / rmse.full, rmseMet: rmse.incremental / rmse.full <= 1.005,
      timeRatio: time.incrementalMs / time.fullMs, timeMet: time.incrementalMs / time.fullMs <= 0.4,
      fitTimeRatio: time.incrementalFitMs / time.fullFitMs,
    },
  };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

function table(s: Scenario): string[] {
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return [
    `### ${s.name}`,
    '',
    '| model | trained on | rows | trees | test RMSE | run time | until last tree |',
    '|---|---|---:|---:|---:|---:|---:|',
    `| full retrain (anchor) | initial + later | ${s.rows.all} | ${s.trees.full} | ${s.rmse.full.toFixed(0)} | ${sec(s.time.fullMs)} | ${sec(s.time.fullFitMs)} |`,
    `| incremental | champion, continued on later | ${s.rows.later} | ${s.trees.incremental} | ${s.rmse.incremental.toFixed(0)} | ${sec(s.time.incrementalMs)} | ${sec(s.time.incrementalFitMs)} |`,
    `| champion alone | initial | ${s.rows.initial} | ${s.trees.champion} | ${s.rmse.champion.toFixed(0)} | ${sec(s.time.championMs)} (not counted) | |`,
    `| fresh on later only | later | ${s.rows.later} | ${s.trees.laterOnly} | ${s.rmse.laterOnly.toFixed(0)} | ${sec(s.time.laterOnlyMs)} | |`,
    `| champion, continued on all rows (one run) | initial + later | ${s.rows.all} | ${s.trees.continuedOnAll} | ${s.rmse.continuedOnAll.toFixed(0)} | ${sec(s.time.continuedOnAllMs)} | ${sec(s.time.continuedOnAllFitMs)} |`,
    '',
    `Incremental RMSE / full: ${s.verdict.rmseRatio.toFixed(4)} (target ≤ 1.005: ${s.verdict.rmseMet ? 'met' : 'not met'}). ` +
      `Incremental run time / full: ${pct(s.verdict.timeRatio)} (target ≤ 40 %: ${s.verdict.timeMet ? 'met' : 'not met'}); until the last tree: ${pct(s.verdict.fitTimeRatio)}.`,
    '',
  ];
}

async function main(): Promise<void> {
  const frame = load();
  const { train, test } = randomSplit(frame.rowCount, 0.2, SEED);
  const held = takeRows(frame, Uint32Array.from(test).sort());
  const fileOrder = Uint32Array.from(train).sort();
  // The same rows in a seeded random order: the later 30 % then follows the initial rows' distribution.
  const shuffled = shuffleInPlace(Uint32Array.from(train), mulberry32(SEED));
  const scenarios = [
    await scenario(frame, 'file order (the later rows are other districts)', fileOrder, held),
    await scenario(frame, `random order (seed ${SEED}): no shift between initial and later`, shuffled, held),
  ];
  const json = {
    dataset: `${FILE}: test 20 % random (seed ${SEED}); the other rows initial 70 % / later 30 %`,
    params: GBDT_DEFAULTS, reps: REPS, targets: { rmseWithin: 0.005, timeShare: 0.4 }, scenarios, machine: machine(),
  };
  const md = [
    '# Incremental training (gbdt warm start)',
    '',
    `California housing, ${json.dataset}. gbdt defaults (trees ${GBDT_DEFAULTS.trees}, early stopping ${GBDT_DEFAULTS.earlyStopping}), each trained as a run trains ` +
      `(run time includes test predictions, intervals and permutation importance). Medians of ${REPS} interleaved repetitions; ${json.machine.cpus} CPUs (${json.machine.cpuModel}), shared with other work.`,
    '',
    ...scenarios.flatMap(table),
  ].join('\n');
  writeReport('incremental', json, md);
}

void main();
