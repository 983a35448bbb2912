/**
 * Text runs: a text family (nbsvm, textnet, lexicon), or `linear` on features that are one text column,
 * trained by the text engine (models/text) on that column with the run's split, seed, progress, curves and
 * cancel, reported like every run (test metrics, predictions, importance as top terms) with an artifact that
 * loadTextModel() rebuilds.
 */
import { getColumn, numericValues, type Frame } from '../frame/frame';
import { kFold, randomSplit, timeSplit, type SplitIndices } from '../split/split';
import { argmaxRows, classificationMetrics } from '../metrics/classification';
import { fitTextClassifier, type TextClassifier, type TextFamily, type TextFitHooks } from '../text/index';
import { lexiconProbabilities, type LexiconClassifierJSON } from '../text/lexiconClassifier';
import { linearTextParamsOf, nbsvmParamsOf, textnetParamsOf } from '../text/familyParams';
import { LinearTextModel, NbsvmModel, TextnetModel } from '../text/index';
import { ApiError } from '../../shared/api/errors';
import { familyParams, lexiconTargetProblem, pickTextColumn, sentimentsOfClasses, type TextOnlyFamily } from '../../shared/families/index';
import type { FeatureImportance } from '../importance/importance';
import { detectTask, encodeTarget } from './task';
import { reorderColumns, textsOf } from './textModel';
import { lexiconWords, topTerms } from './textTerms';
import type { RunSpec, TextModelArtifact, TrainHooks, TrainResult } from './types';
import { runFitCheckpoints } from './fitCheckpoints';

export type TextRunFamily = 'linear' | TextOnlyFamily;

/** Test texts the lexicon's word table is computed from. */
const LEXICON_WORD_TEXTS = 2000;

interface Unit {
  model: TextModelArtifact['model'];
  classifier: TextClassifier | null;
  predict: (texts: string[]) => Float64Array;
  curves: { train: number[]; valid: number[] };
  cancelled: boolean;
}

const bad = (message: string, field: string) => new ApiError('bad_request', message, { field });

export async function trainTextRun(frame: Frame, spec: RunSpec & { family: TextRunFamily }, hooks: TrainHooks = {}): Promise<TrainResult<TextModelArtifact> & { notes: string[] }> {
  const family = spec.family;
  const targetCol = getColumn(frame, spec.target);
  const task = spec.task ?? detectTask(targetCol);
  if (task === 'regression') throw bad(`${family} on text predicts classes; '${spec.target}' is a numeric target with many values (regression)`, 'task');
  const distinctCount = new Set(Array.from(targetCol.values as ArrayLike<string | number | null>).filter((v) => v !== null && !(typeof v === 'number' && Number.isNaN(v)))).size;
  if (distinctCount < 2) throw bad(`Classification needs at least two classes; '${spec.target}' has ${distinctCount === 0 ? 'no values' : 'one value'}`, 'target');
  const { y, classes } = encodeTarget(targetCol, task);
  const K = classes!.length;
  const drop = new Set([spec.target, ...(spec.exclude ?? [])]);
  const picked = pickTextColumn(family, frame.columns.filter((c) => !drop.has(c.name)));
  if ('problem' in picked) throw bad(picked.problem, 'exclude');
  const column = picked.column;
  const texts = textsOf(frame, column);
  const rows = Uint32Array.from(Array.from(y.keys()).filter((i) => !Number.isNaN(y[i])));
  if (rows.every((r) => texts[r].trim() === '')) throw bad(`The text column '${column}' is empty in every labelled row: there is nothing to learn from`, 'target');
  const seed = spec.seed ?? ('seed' in spec.split ? spec.split.seed : 0);
  const notes: string[] = [];
  if (picked.ignored.length) notes.push(`${family} reads the text column '${column}' only; it left out ${picked.ignored.map((c) => `'${c}'`).join(', ')}.`);

  let lexicon: LexiconClassifierJSON | null = null;
  if (family === 'lexicon') {
    const sentiments = sentimentsOfClasses(classes!);
    if (!sentiments) throw bad(lexiconTargetProblem(spec.target, classes!)!, 'target');
    const p = familyParams('lexicon', spec.params);
    lexicon = { format: 'lathe-lexicon-model', version: 1, sentiments, neutralBand: p.neutralBand, sharpness: p.sharpness };
    notes.push(`The lexicon trains nothing; classes read as ${classes!.map((c, k) => `${c} = ${sentiments[k]}`).join(', ')}.`);
  }

  // textnet's fits checkpoint as mlp's do: one per run outside k-fold, each fold's and the final one's in turn in k-fold.
  const checkpoints = runFitCheckpoints({ kfold: spec.split.kind === 'kfold', network: family === 'textnet' }, hooks);
  let step = checkpoints.firstStep;
  const fitUnit = async (trainRows: Uint32Array, lo: number, hi: number, label: string): Promise<Unit> => {
    if (lexicon || family === 'lexicon') {
      hooks.onProgress?.(hi, `${label}: lexicon scores`);
      const model = lexicon!;
      return { model, classifier: null, predict: (t) => lexiconProbabilities(t, model), curves: { train: [], valid: [] }, cancelled: false };
    }
    const checkpointing = checkpoints.next();
    // A resumed fit reports only its new epochs: its curve starts with those its checkpoint holds.
    const stored = checkpointing.resumeFrom?.curves;
    const curves = { train: [...(stored?.train ?? [])], valid: [...(stored?.valid ?? [])] };
    const textHooks: TextFitHooks = {
      onProgress: (done, total, stage) => hooks.onProgress?.(lo + ((hi - lo) * done) / Math.max(1, total), `${label}: ${family} ${stage} ${done}/${total}`),
      onMetrics: (_, m) => {
        const values: Record<string, number> = {};
        if (m.loss !== undefined) curves.train.push((values.train = m.loss));
        if (m.valLoss !== undefined) curves.valid.push((values.valid = m.valLoss));
        hooks.onMetrics?.(step++, values);
      },
      shouldStop: hooks.shouldStop,
      ...checkpointing,
    };
    const trainTexts = Array.from(trainRows, (r) => texts[r]);
    const labels = Array.from(trainRows, (r) => String(classes![y[r]]));
    if (new Set(labels).size < 2) throw bad(`The training rows of '${spec.target}' hold a single class (${labels[0]}); use a larger training share or another split`, 'target');
    const clf = await fitTextClassifier(engineFamily(family), trainTexts, labels, engineParams(family, spec.params, seed), textHooks);
    const unit: Unit = {
      model: clf.toJSON(), classifier: clf, curves, cancelled: hooks.shouldStop?.() ?? false,
      predict: (t) => (t.length ? reorderColumns(clf.predictProba(t), clf.classes, classes!) : new Float64Array(0)),
    };
    fitted.push(unit);
    return unit;
  };

  const artifactOf = (u: Unit): TextModelArtifact => ({
    format: 'lathe-text-artifact', version: 1, family, task, target: spec.target, features: [column], textColumn: column,
    ignored: picked.ignored, classes: classes!, model: u.model,
  });
  const importanceOf = (u: Unit, testTexts: string[]): FeatureImportance[] =>
    u.classifier ? topTerms(u.classifier, classes!) : lexicon ? lexiconWords(testTexts.slice(0, LEXICON_WORD_TEXTS)) : [];
  // textnet's networks hold TF.js tensors: released once the run's report is made.
  const fitted: Unit[] = [];
  const finish = (u: Unit): void => {
    notes.push(...unitNotes(u.classifier));
    for (const f of new Set(fitted)) (f.classifier as { dispose?: () => void } | null)?.dispose?.();
  };
  const pickY = (yy: Float64Array, rs: ArrayLike<number>) => Float64Array.from(rs as ArrayLike<number>, (r) => yy[r]);
  const mapRows = (s: SplitIndices): SplitIndices => ({ train: s.train.map((i) => rows[i]), test: s.test.map((i) => rows[i]) });

  const split = spec.split;
  if (split.kind === 'kfold') {
    const folds = kFold(rows.length, split.k, split.seed).map(mapRows);
    const share = 1 / (split.k + 1);
    const oof = new Float64Array(frame.rowCount * K);
    const foldMetrics: Record<string, number>[] = [];
    let first: Unit | null = null, last: Unit | null = null;
    for (const [f, { train, test }] of folds.entries()) {
      const u = await fitUnit(train, f * share, (f + 1) * share, `fold ${f + 1}/${split.k}`);
      first ??= u;
      last = u;
      if (u.cancelled) break;
      const P = u.predict(Array.from(test, (r) => texts[r]));
      test.forEach((r, i) => oof.set(P.subarray(i * K, (i + 1) * K), r * K));
      foldMetrics.push({ ...classificationMetrics(pickY(y, test), P, K) });
    }
    const cancelled = last!.cancelled;
    const final = cancelled ? last! : await fitUnit(rows, split.k * share, 1, 'final model');
    const metrics: Record<string, number> = {};
    for (const key of Object.keys(foldMetrics[0] ?? {})) metrics[key] = foldMetrics.reduce((a, m) => a + m[key], 0) / foldMetrics.length;
    const probabilities = Float64Array.from({ length: rows.length * K }, (_, i) => oof[rows[Math.floor(i / K)] * K + (i % K)]);
    const result = {
      task, classes, metrics, foldMetrics, curves: first!.curves, intervals: null,
      importance: importanceOf(final, Array.from(rows, (r) => texts[r])),
      predictions: { rows, values: Float64Array.from(argmaxRows(probabilities, K)), probabilities },
      artifact: artifactOf(final), cancelled: cancelled || final.cancelled, notes,
    };
    finish(final);
    hooks.onProgress?.(1, 'done');
    return result;
  }

  let trainRows: Uint32Array, testRows: Uint32Array, testTexts: string[], yTest: Float64Array;
  if (split.kind === 'holdout') {
    const testY = encodeTarget(getColumn(split.test, spec.target), task, classes!).y;
    const all = textsOf(split.test, column);
    testRows = Uint32Array.from(Array.from(testY.keys()).filter((i) => !Number.isNaN(testY[i])));
    trainRows = rows;
    testTexts = Array.from(testRows, (r) => all[r]);
    yTest = pickY(testY, testRows);
  } else {
    const s = split.kind === 'random'
      ? mapRows(randomSplit(rows.length, split.testFraction, split.seed, pickY(y, rows)))
      : mapRows(timeSplit(pickY(numericValues(getColumn(frame, split.column)), rows), split.testFraction));
    trainRows = s.train;
    testRows = s.test;
    testTexts = Array.from(testRows, (r) => texts[r]);
    yTest = pickY(y, testRows);
  }
  const u = await fitUnit(trainRows, 0, 1, 'train');
  const P = u.predict(testTexts);
  const result = {
    task, classes, metrics: testRows.length ? { ...classificationMetrics(yTest, P, K) } : {}, curves: u.curves, intervals: null,
    importance: importanceOf(u, testTexts),
    predictions: { rows: testRows, values: Float64Array.from(argmaxRows(P, K)), probabilities: P },
    artifact: artifactOf(u), cancelled: u.cancelled, notes,
  };
  finish(u);
  hooks.onProgress?.(1, 'done');
  return result;
}

function engineFamily(family: Exclude<TextRunFamily, 'lexicon'>): TextFamily {
  return family;
}

/** The engine's parameters from the run's (schema-checked, complete) ones. */
function engineParams(family: Exclude<TextRunFamily, 'lexicon'>, raw: RunSpec['params'], seed: number) {
  if (family === 'nbsvm') return nbsvmParamsOf(familyParams('nbsvm', raw), seed);
  if (family === 'textnet') return textnetParamsOf(familyParams('textnet', raw), seed);
  return linearTextParamsOf(familyParams('linear', raw), seed);
}

/** What the final fit chose on its own: a tuned C, textnet's best epoch (a C as set is in the params). */
function unitNotes(clf: TextClassifier | null): string[] {
  if (clf instanceof LinearTextModel) {
    return clf.tuning ? [`C = ${clf.C} chosen by ${clf.params.innerFolds}-fold inner cross-validation (tried ${clf.tuning.map((t) => t.C).join(', ')}).`] : [];
  }
  if (clf instanceof NbsvmModel) return clf.params.C === null ? [`C = ${clf.C} chosen by ${clf.params.innerFolds}-fold inner cross-validation (tried ${clf.params.cGrid.join(', ')}).`] : [];
  if (clf instanceof TextnetModel) return [`textnet kept epoch ${clf.bestEpoch + 1} of ${clf.epochs} (the lowest validation loss).`];
  return [];
}
