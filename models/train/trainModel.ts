/**
 * Single training entry point: detects the task, splits rows, fits the
 * feature pipeline on training rows only, trains the chosen family, and
 * reports test metrics, curves, importance, conformal intervals and a JSON
 * artifact (pipeline + model) that loadModel() can rebuild.
 */
import { Frame, getColumn, numericValues, takeRows } from '../frame/frame';
import { randomSplit, timeSplit, kFold, SplitIndices } from '../split/split';
import { fitPipeline, Pipeline } from '../pipeline/pipeline';
import { checkWarmStart } from './warmStart';
import { regressionMetrics } from '../metrics/regression';
import { classificationMetrics } from '../metrics/classification';
import { fitConformal, measuredCoverage } from '../metrics/conformal';
import { gainImportance, FeatureImportance } from '../importance/importance';
import { columnPermutationImportance, type PermutationReport } from '../importance/permutation';
import { linearCoefficients, type Coefficient } from '../importance/coefficients';
import type { LinearModelJSON } from '../linear/linear';
import { detectTask, encodeTarget, Task } from './task';
import { defaultPipelineOptions, fitFamily, FittedModel } from './fitFamily';
import { interpretOutputs } from './loadModel';
import { resolveParams } from '../../shared/families/index';
import type { ImportanceViews, IntervalReport, ModelArtifact, TrainHooks, TrainResult, TrainSpec } from './types';
import { runFitCheckpoints } from './fitCheckpoints';

interface UnitResult {
  model: FittedModel;
  pipeline: Pipeline;
  curves: { train: number[]; valid: number[] };
  cancelled: boolean;
  testPred: Float64Array | null;
  /** On the unit's held-out rows; null without any (k-fold's final refit). */
  permutation: PermutationReport | null;
  gain: FeatureImportance[] | null;
  coefficients: Coefficient[] | null;
  interval: { coverage: number; halfWidth: number } | null;
  testCoverage: number;
}

function metricsFor(task: Task, y: Float64Array, pred: Float64Array, K: number): Record<string, number> {
  return task === 'regression' ? { ...regressionMetrics(y, pred) } : { ...classificationMetrics(Array.from(y), pred, K) };
}

/** A labelled row whose class the continued model does not know cannot be trained on: name it. */
function checkKnownClasses(values: ArrayLike<unknown>, y: Float64Array, target: string): void {
  for (let i = 0; i < y.length; i++) {
    const v = values[i];
    if (Number.isNaN(y[i]) && v !== null && !(typeof v === 'number' && Number.isNaN(v))) {
      throw new Error(`'${target}' has the class '${String(v)}' (row ${i + 1}) that the run continued from never saw; train from scratch to add a class`);
    }
  }
}

function pick(y: Float64Array, rows: ArrayLike<number>): Float64Array {
  return Float64Array.from(rows as ArrayLike<number>, (r) => y[r]);
}

export async function trainModel(frame: Frame, spec: TrainSpec, hooks: TrainHooks = {}): Promise<TrainResult> {
  const targetCol = getColumn(frame, spec.target);
  const task = spec.task ?? detectTask(targetCol);
  const drop = new Set([spec.target, ...(spec.exclude ?? [])]);
  const features = frame.columns.filter((c) => !drop.has(c.name)).map((c) => c.name);
  const warm = spec.warmStart ? checkWarmStart(spec.warmStart, { family: spec.family, task, target: spec.target, features }) : null;
  // Continuing keeps the earlier model's class order, so its outputs keep their meaning.
  const { y, classes } = encodeTarget(targetCol, task, warm?.classes ?? undefined);
  if (warm?.classes) checkKnownClasses(targetCol.values, y, spec.target);
  const K = classes?.length ?? 0;
  const seed = spec.seed ?? ('seed' in spec.split ? spec.split.seed : 0);
  const params = { ...resolveParams(spec.family, spec.params), seed };
  const coverage = spec.coverage ?? 0.9;
  const calFraction = task === 'regression' ? spec.calibrationFraction ?? 0.1 : 0;
  const pipelineOptions = { ...defaultPipelineOptions(spec.family), ...spec.pipeline };

  // Rows without a target can be neither trained on nor scored.
  const labelled = (yy: Float64Array) => Uint32Array.from(Array.from(yy.keys()).filter((i) => !Number.isNaN(yy[i])));
  const rows = labelled(y);
  const mapRows = (s: SplitIndices): SplitIndices => ({ train: s.train.map((i) => rows[i]), test: s.test.map((i) => rows[i]) });
  const strata = task === 'regression' ? undefined : pick(y, rows);

  // A resumed run's curve goes on from the epochs it already recorded (k-fold: those of all its stored fits).
  const checkpoints = runFitCheckpoints({ kfold: spec.split.kind === 'kfold', network: spec.family === 'mlp' }, hooks);
  let step = checkpoints.firstStep;
  const runUnit = async (
    trainRows: Uint32Array, testFrame: Frame | null, testRows: Uint32Array, yTest: Float64Array | null,
    lo: number, hi: number, label: string,
  ): Promise<UnitResult> => {
    let fitRows = trainRows;
    let calRows: Uint32Array | null = null;
    if (calFraction > 0 && trainRows.length >= 20) {
      const s = randomSplit(trainRows.length, calFraction, seed ^ 0xca1b);
      fitRows = s.train.map((i) => trainRows[i]);
      calRows = s.test.map((i) => trainRows[i]);
    }
    // Continuing: the earlier pipeline, so the new rows land in the feature space the model was trained in.
    const pipeline = warm ? Pipeline.fromJSON(warm.pipeline) : fitPipeline(frame, fitRows, features, pipelineOptions);
    const train = pipeline.transform(takeRows(frame, fitRows));
    const test = testFrame ? pipeline.transform(takeRows(testFrame, testRows)) : null;
    const fit = await fitFamily(
      spec.family, task, K,
      { X: train.data, nRows: train.rows, nCols: train.cols, y: pick(y, fitRows) },
      test && yTest ? { X: test.data, nRows: test.rows, y: yTest } : null,
      params, pipeline,
      {
        init: warm?.model,
        onIteration: (i, total, m) => {
          hooks.onProgress?.(lo + ((hi - lo) * (i + 1)) / total, `${label}: ${spec.family} iteration ${i + 1}/${total}`);
          const values: Record<string, number> = {};
          if (!Number.isNaN(m.train)) values.train = m.train;
          if (m.valid !== undefined) values.valid = m.valid;
          hooks.onMetrics?.(step++, values);
        },
        shouldStop: hooks.shouldStop,
        ...checkpoints.next(),
      },
    );
    const testPred = test ? fit.model.predict(test.data, test.rows) : null;
    let interval: UnitResult['interval'] = null;
    let testCoverage = NaN;
    if (calRows) {
      const cal = pipeline.transform(takeRows(frame, calRows));
      const calPred = fit.model.predict(cal.data, cal.rows);
      const yCal = pick(y, calRows);
      interval = { coverage, halfWidth: fitConformal(calPred.map((p, i) => yCal[i] - p), coverage).halfWidth };
      if (testPred && yTest) testCoverage = measuredCoverage(yTest, testPred, interval.halfWidth);
    }
    const sources = pipeline.featureSources;
    const permutation = test && yTest && test.rows > 0 && !fit.cancelled
      ? columnPermutationImportance({
        X: test.data, nRows: test.rows, nCols: test.cols, sources, y: yTest, task, K, seed,
        predict: fit.model.predict,
        trees: fit.model.trees && fit.model.treeSums ? { trees: fit.model.trees, ...fit.model.treeSums } : undefined,
      })
      : null;
    const gain = fit.model.trees ? gainImportance(fit.model.trees, pipeline.featureNames, sources) : null;
    const coefficients = spec.family === 'linear'
      ? linearCoefficients(fit.model.toJSON() as LinearModelJSON, pipeline.featureNames, sources, classes)
      : null;
    return { model: fit.model, pipeline, curves: fit.curves, cancelled: fit.cancelled, testPred, permutation, gain, coefficients, interval, testCoverage };
  };

  /** Permutation on held-out rows (k-fold: the first fold's) leads; gain and coefficients of the shipped model follow. */
  const importanceOf = (held: UnitResult, shipped: UnitResult): { importance: FeatureImportance[]; importanceViews: ImportanceViews } => {
    const views: ImportanceViews = {};
    if (held.permutation) views.permutation = held.permutation;
    if (shipped.gain) views.gain = shipped.gain;
    if (shipped.coefficients) views.coefficients = shipped.coefficients;
    return { importance: views.permutation?.items ?? views.gain ?? [], importanceViews: views };
  };

  const artifactOf = (u: UnitResult): ModelArtifact => ({
    format: 'lathe-model', version: 1, family: spec.family, task, target: spec.target, features, classes,
    pipeline: u.pipeline.toJSON(), model: u.model.toJSON(), interval: u.interval,
  });
  const outputsOf = (raw: Float64Array, n: number) => interpretOutputs(raw, n, task, classes);

  const split = spec.split;
  if (split.kind === 'kfold') {
    const folds = kFold(rows.length, split.k, split.seed).map(mapRows);
    const share = 1 / (split.k + 1);
    const oofValues = new Float64Array(frame.rowCount).fill(NaN);
    const oofProbs = K ? new Float64Array(frame.rowCount * K) : null;
    const foldMetrics: Record<string, number>[] = [];
    const halfWidths: number[] = [], coverages: number[] = [];
    let first: UnitResult | null = null;
    let last: UnitResult | null = null;
    for (let f = 0; f < folds.length; f++) {
      const { train, test } = folds[f];
      const yTest = pick(y, test);
      const u = await runUnit(train, frame, test, yTest, f * share, (f + 1) * share, `fold ${f + 1}/${split.k}`);
      first ??= u;
      last = u;
      if (u.cancelled) break;
      const out = outputsOf(u.testPred!, test.length);
      test.forEach((r, i) => {
        oofValues[r] = out.values[i];
        if (oofProbs && out.probabilities) for (let k = 0; k < K; k++) oofProbs[r * K + k] = out.probabilities[i * K + k];
      });
      foldMetrics.push(metricsFor(task, yTest, u.testPred!, K));
      if (u.interval) {
        halfWidths.push(u.interval.halfWidth);
        coverages.push(u.testCoverage);
      }
    }
    const cancelled = last!.cancelled;
    // The shipped model is refitted on every labelled row.
    const final = cancelled ? last! : await runUnit(rows, null, new Uint32Array(0), null, split.k * share, 1, 'final model');
    const metrics: Record<string, number> = {};
    for (const key of Object.keys(foldMetrics[0] ?? {})) metrics[key] = foldMetrics.reduce((a, m) => a + m[key], 0) / foldMetrics.length;
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    hooks.onProgress?.(1, 'done');
    return {
      task, classes, metrics, foldMetrics, curves: first!.curves,
      ...importanceOf(first!, final),
      intervals: halfWidths.length ? { coverage, halfWidth: mean(halfWidths), testCoverage: mean(coverages) } : null,
      predictions: {
        rows,
        values: pick(oofValues, rows),
        probabilities: oofProbs ? Float64Array.from({ length: rows.length * K }, (_, i) => oofProbs[rows[Math.floor(i / K)] * K + (i % K)]) : null,
      },
      artifact: artifactOf(final),
      cancelled: cancelled || final.cancelled,
    };
  }

  let trainRows: Uint32Array, testRows: Uint32Array, testFrame: Frame, yTestAll: Float64Array;
  if (split.kind === 'holdout') {
    testFrame = split.test;
    yTestAll = encodeTarget(getColumn(testFrame, spec.target), task, classes ?? undefined).y;
    trainRows = rows;
    testRows = labelled(yTestAll);
  } else {
    const s = split.kind === 'random'
      ? mapRows(randomSplit(rows.length, split.testFraction, split.seed, strata))
      : mapRows(timeSplit(pick(numericValues(getColumn(frame, split.column)), rows), split.testFraction));
    testFrame = frame;
    yTestAll = y;
    trainRows = s.train;
    testRows = s.test;
  }
  const yTest = pick(yTestAll, testRows);
  const u = await runUnit(trainRows, testFrame, testRows, yTest, 0, 1, 'train');
  const out = outputsOf(u.testPred!, testRows.length);
  const intervals: IntervalReport | null = u.interval ? { ...u.interval, testCoverage: u.testCoverage } : null;
  hooks.onProgress?.(1, 'done');
  return {
    task, classes,
    metrics: metricsFor(task, yTest, u.testPred!, K),
    curves: u.curves,
    ...importanceOf(u, u),
    intervals,
    predictions: { rows: testRows, values: out.values, probabilities: out.probabilities },
    artifact: artifactOf(u),
    cancelled: u.cancelled,
  };
}
