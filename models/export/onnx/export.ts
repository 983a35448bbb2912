/**
 * Exports a trained model artifact (pipeline + model) as ONE ONNX graph that
 * takes raw column values and returns the same predictions as
 * `loadModel(artifact).predict(frame)`.
 *
 * Opsets: default domain 17, `ai.onnx.ml` 3. See README.md for the input
 * conventions, outputs and limitations.
 */
import type { ModelArtifact } from '../../train/types';
import type { GbdtModelJSON } from '../../gbdt/model';
import type { ForestModelJSON } from '../../forest/forest';
import type { LinearModelJSON } from '../../linear/linear';
import { denseReluStack, mlpSpecOf, type MlpModelJSON } from '../../mlp/mlp';
import { Pipeline } from '../../pipeline/pipeline';
import { attr, GraphBuilder, ML } from './proto';
import { buildPreprocessing, OnnxExportError, type OnnxInput } from './preprocess';
import { treeEnsemble, type EnsembleSpec } from './trees';

export interface OnnxOutput {
  name: string;
  meaning: string;
}

export interface OnnxExport {
  /** Serialised ModelProto. */
  bytes: Uint8Array;
  inputs: OnnxInput[];
  outputs: OnnxOutput[];
}

export interface OnnxExportOptions {
  /** Element type of numeric and boolean inputs (default 'float'). Dates are always double epoch milliseconds. */
  numericInput?: 'float' | 'double';
  /** Categorical inputs: the string standing for a missing value (default ''). */
  missingString?: string;
}

export const OUTPUT_NAMES = ['prediction', 'lower', 'upper', 'label', 'class_label', 'probabilities'] as const;

const FLOAT = 1, DOUBLE = 11;

/** Model head result: regression values or class probabilities, before output shaping. */
type Head =
  /** Regression values [N, 1] float, with the interval bounds when the artifact has one. */
  | { kind: 'values'; float: string; bounds: { lower: string; upper: string } | null }
  | { kind: 'probs'; double: string }
  /** Binary: P(class 1) as [N, 1] double. */
  | { kind: 'p1'; double: string };

function cast(g: GraphBuilder, v: string, to: number): string {
  return g.op('Cast', [v], { to: attr.int(to) });
}

/** Column j of an [N, C] tensor as [N, 1]. */
function column(g: GraphBuilder, v: string, j: number): string {
  const k = (x: number) => g.constant('int64', [1], [x], 'idx');
  return g.op('Slice', [v, k(j), k(j + 1), k(1)]);
}

/** Regression head on double values: value and value -+ halfWidth, each rounded once to float. */
function doubleValues(g: GraphBuilder, v: string, halfWidth: number | null): Head {
  if (halfWidth === null) return { kind: 'values', float: cast(g, v, FLOAT), bounds: null };
  const h = g.scalar('double', halfWidth, 'halfWidth');
  return {
    kind: 'values', float: cast(g, v, FLOAT),
    bounds: { lower: cast(g, g.op('Sub', [v, h]), FLOAT), upper: cast(g, g.op('Add', [v, h]), FLOAT) },
  };
}

/**
 * Single-output regression ensemble. With an interval, the ensemble gets two
 * more targets whose base values are shifted by -+halfWidth, so each bound is
 * also summed in double and rounded once.
 */
function treeValues(g: GraphBuilder, xd: string, spec: Omit<EnsembleSpec, 'baseValues' | 'numOutputs'>, base: number, halfWidth: number | null): Head {
  if (halfWidth === null) return { kind: 'values', float: treeEnsemble(g, xd, { ...spec, numOutputs: 1, baseValues: [base] }), bounds: null };
  const out = treeEnsemble(g, xd, { ...spec, numOutputs: 1, baseValues: [base, base - halfWidth, base + halfWidth] });
  return { kind: 'values', float: column(g, out, 0), bounds: { lower: column(g, out, 1), upper: column(g, out, 2) } };
}

function gbdtHead(g: GraphBuilder, x: string, m: GbdtModelJSON, halfWidth: number | null): Head {
  const xd = cast(g, x, DOUBLE);
  const spec = { trees: m.trees, leafDivisor: 1, nFeatures: m.nFeatures };
  if (m.loss !== 'logloss' && m.loss !== 'softmax') {
    if (m.numOutputs !== 1) throw new OnnxExportError(`gbdt ${m.loss} model with ${m.numOutputs} outputs`);
    return treeValues(g, xd, spec, m.baseScore[0], halfWidth);
  }
  const margins = cast(g, treeEnsemble(g, xd, { ...spec, numOutputs: m.numOutputs, baseValues: m.baseScore }), DOUBLE);
  if (m.loss === 'logloss') return { kind: 'p1', double: g.op('Sigmoid', [margins]) };
  return { kind: 'probs', double: g.op('Softmax', [margins], { axis: attr.int(1) }) };
}

function forestHead(g: GraphBuilder, x: string, m: ForestModelJSON, halfWidth: number | null): Head {
  const xd = cast(g, x, DOUBLE);
  const K = m.outputs;
  const est = m.trees.length / K;
  const spec = { trees: m.trees, leafDivisor: est, nFeatures: m.nFeatures };
  if (m.task === 'regression') return treeValues(g, xd, spec, 0, halfWidth);
  const mean = treeEnsemble(g, xd, { ...spec, numOutputs: K, baseValues: new Array<number>(K).fill(0) });
  if (K === 1) return { kind: 'p1', double: cast(g, mean, DOUBLE) };
  // Rows are renormalised to sum 1 (uniform when every tree votes 0).
  const p = cast(g, mean, DOUBLE);
  const sum = g.op('ReduceSum', [p, g.constant('int64', [1], [1], 'axes')], { keepdims: attr.int(1) });
  const positive = g.op('Greater', [sum, g.scalar('double', 0)]);
  const safe = g.op('Where', [positive, sum, g.scalar('double', 1)]);
  const uniform = g.op('Expand', [g.scalar('double', 1 / K), g.op('Shape', [p])]);
  return { kind: 'probs', double: g.op('Where', [positive, g.op('Div', [p, safe]), uniform]) };
}

function linearHead(g: GraphBuilder, x: string, m: LinearModelJSON, halfWidth: number | null): Head {
  const p = m.nFeatures, K = m.outputs;
  if (m.weights.length !== p * K || m.intercept.length !== K) throw new OnnxExportError('linear model weights do not match its shape');
  // weights are row-major K x p; MatMul wants p x K.
  const wt = new Float64Array(p * K);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) wt[j * K + k] = m.weights[k * p + j];
  const margins = g.op('Add', [
    g.op('MatMul', [cast(g, x, DOUBLE), g.constant('double', [p, K], wt, 'weights')]),
    g.constant('double', [K], m.intercept, 'intercept'),
  ]);
  if (m.kind === 'logistic') return { kind: 'p1', double: g.op('Sigmoid', [margins]) };
  if (m.kind === 'multinomial') return { kind: 'probs', double: g.op('Softmax', [margins], { axis: attr.int(1) }) };
  return doubleValues(g, margins, halfWidth);
}

function mlpHead(g: GraphBuilder, x: string, m: MlpModelJSON, halfWidth: number | null): Head {
  const stack = denseReluStack(mlpSpecOf(m));
  if (typeof stack === 'string') throw new OnnxExportError(`mlp: ONNX export handles networks of dense ReLU layers; ${stack} (export it as tfjs)`);
  const hidden = stack;
  const layers = hidden.length + 1;
  if (m.weights.length !== 2 * layers) throw new OnnxExportError(`mlp: expected ${2 * layers} weight tensors, found ${m.weights.length}`);
  let h = x;
  let width = m.nFeatures;
  for (let i = 0; i < layers; i++) {
    const kernel = m.weights[2 * i], bias = m.weights[2 * i + 1];
    const units = i < hidden.length ? hidden[i] : m.outputs;
    if (kernel.shape.length !== 2 || kernel.shape[0] !== width || kernel.shape[1] !== units || bias.shape[0] !== units) {
      throw new OnnxExportError(`mlp layer ${i}: unexpected weight shapes [${kernel.shape}] / [${bias.shape}]`);
    }
    h = g.op('Add', [g.op('MatMul', [h, g.constant('float', kernel.shape, kernel.values, `kernel${i}`)]), g.constant('float', bias.shape, bias.values, `bias${i}`)]);
    if (i < hidden.length) h = g.op('Relu', [h]);
    width = units;
  }
  // Dropout is inactive at inference. TF.js returns float32 probabilities: the activation runs
  // in double and is rounded to float32 once, which lands within an ulp of the TF.js kernels
  // (onnxruntime's float Sigmoid saturates to exactly 1 much earlier).
  const activate = (op: string, attrs = {}) => cast(g, cast(g, g.op(op, [cast(g, h, DOUBLE)], attrs), FLOAT), DOUBLE);
  if (m.task === 'binary') return { kind: 'p1', double: activate('Sigmoid') };
  if (m.task === 'multiclass') return { kind: 'probs', double: activate('Softmax', { axis: attr.int(1) }) };
  const v = g.op('Add', [g.op('Mul', [cast(g, h, DOUBLE), g.scalar('double', m.yStd, 'yStd')]), g.scalar('double', m.yMean, 'yMean')]);
  return doubleValues(g, v, halfWidth);
}

function modelHead(g: GraphBuilder, x: string, artifact: ModelArtifact): Head {
  const h = artifact.task === 'regression' && artifact.interval ? artifact.interval.halfWidth : null;
  switch (artifact.family) {
    case 'gbdt': return gbdtHead(g, x, artifact.model as GbdtModelJSON, h);
    case 'forest': return forestHead(g, x, artifact.model as ForestModelJSON, h);
    case 'linear': return linearHead(g, x, artifact.model as LinearModelJSON, h);
    case 'mlp': return mlpHead(g, x, artifact.model as MlpModelJSON, h);
    default: throw new OnnxExportError(`model family "${String(artifact.family)}" cannot be exported to ONNX`);
  }
}

function modelFeatureCount(artifact: ModelArtifact): number {
  return (artifact.model as { nFeatures: number }).nFeatures;
}

export function exportOnnx(artifact: ModelArtifact, options: OnnxExportOptions = {}): OnnxExport {
  if (artifact.format !== 'lathe-model' || artifact.version !== 1) throw new OnnxExportError('not a lathe model artifact');
  const pipeline = Pipeline.fromJSON(artifact.pipeline);
  const nFeatures = modelFeatureCount(artifact);
  if (pipeline.featureCount !== nFeatures) {
    throw new OnnxExportError(`pipeline has ${pipeline.featureCount} features but the model expects ${nFeatures}`);
  }
  const g = new GraphBuilder();
  const reservedNames = new Set<string>(OUTPUT_NAMES);
  const { features, inputs } = buildPreprocessing(g, artifact.pipeline, nFeatures, {
    numericInput: options.numericInput ?? 'double',
    missingString: options.missingString ?? '',
    reservedNames,
  });
  for (const name of OUTPUT_NAMES) g.reserve(name);

  const head = modelHead(g, features, artifact);
  const outputs: OnnxOutput[] = [];
  const target = artifact.target;
  if (artifact.task === 'regression') {
    if (head.kind !== 'values') throw new OnnxExportError('regression artifact with a classification model');
    g.op('Identity', [head.float], {}, { out: 'prediction' });
    g.output('prediction', 'float', ['N', 1]);
    outputs.push({ name: 'prediction', meaning: `predicted ${target}, float [N, 1]` });
    if (artifact.interval && head.bounds) {
      g.op('Identity', [head.bounds.lower], {}, { out: 'lower' });
      g.op('Identity', [head.bounds.upper], {}, { out: 'upper' });
      g.output('lower', 'float', ['N', 1]);
      g.output('upper', 'float', ['N', 1]);
      const pct = Math.round(artifact.interval.coverage * 100);
      outputs.push(
        { name: 'lower', meaning: `lower bound of the ${pct}% conformal interval (prediction - ${artifact.interval.halfWidth}), float [N, 1]` },
        { name: 'upper', meaning: `upper bound of the ${pct}% conformal interval (prediction + ${artifact.interval.halfWidth}), float [N, 1]` },
      );
    }
  } else {
    const classes = artifact.classes;
    if (!classes || classes.length < 2) throw new OnnxExportError('classification artifact without classes');
    const K = classes.length;
    let probs: string;
    if (head.kind === 'p1') {
      if (K !== 2) throw new OnnxExportError('binary model with more than two classes');
      probs = g.op('Concat', [g.op('Sub', [g.scalar('double', 1), head.double]), head.double], { axis: attr.int(1) });
    } else if (head.kind === 'probs') probs = head.double;
    else throw new OnnxExportError('classification artifact with a regression model');
    // ArgMax keeps the first maximum, like argmaxRows.
    g.op('ArgMax', [probs], { axis: attr.int(1), keepdims: attr.int(0), select_last_index: attr.int(0) }, { out: 'label' });
    g.op('Cast', [probs], { to: attr.int(FLOAT) }, { out: 'probabilities' });
    g.op('LabelEncoder', ['label'], {
      keys_int64s: attr.ints(classes.map((_, i) => i)),
      values_strings: attr.strings(classes.map(String)),
      default_string: attr.string(''),
    }, { domain: ML, out: 'class_label' });
    g.output('label', 'int64', ['N']);
    g.output('class_label', 'string', ['N']);
    g.output('probabilities', 'float', ['N', K]);
    outputs.push(
      { name: 'label', meaning: `predicted class index into [${classes.map((c) => JSON.stringify(c)).join(', ')}], int64 [N]` },
      { name: 'class_label', meaning: `predicted ${target} class as a string, [N]` },
      { name: 'probabilities', meaning: `class probabilities in class index order, float [N, ${K}]` },
    );
  }
  const doc = JSON.stringify({
    family: artifact.family, task: artifact.task, target, classes: artifact.classes,
    inputs: inputs.map((i) => ({ name: i.name, column: i.column, type: i.type })),
  });
  return { bytes: g.encode(`lathe_${artifact.family}_${artifact.task}`, doc), inputs, outputs };
}
