/**
 * The ensemble as ONE ONNX graph: each member's exported graph is merged in with its tensor names
 * prefixed (m0__, m1__, …), all members reading the same graph inputs; their `prediction` or
 * `probabilities` outputs feed the weighted sum or the meta-model, and the graph ends in the
 * outputs of a single model (prediction; label, class_label, probabilities).
 */
import onnxProto from 'onnx-proto';
import { exportOnnx, type OnnxExport, type OnnxOutput } from '../export/onnx/export';
import { attr, GraphBuilder, ML } from '../export/onnx/proto';
import type { OnnxInput } from '../export/onnx/preprocess';
import { metaWidth } from './combine';
import { EnsembleError, type EnsembleArtifact } from './types';

const { onnx } = onnxProto;
const FLOAT = 1, DOUBLE = 11;

type Graph = onnxProto.onnx.IGraphProto;

/** A member's graph with every internal name prefixed; graph inputs keep their names. */
function prefixed(graph: Graph, prefix: string, inputs: Set<string>): Graph {
  const rename = (name: string) => (name === '' || inputs.has(name) ? name : prefix + name);
  return {
    node: (graph.node ?? []).map((n) => ({ ...n, name: prefix + (n.name ?? ''), input: (n.input ?? []).map(rename), output: (n.output ?? []).map(rename) })),
    initializer: (graph.initializer ?? []).map((t) => ({ ...t, name: rename(t.name ?? '') })),
  };
}

/** The combination: member outputs (declared as inputs of this part) → the single model's outputs. */
function combiner(e: EnsembleArtifact, memberOut: string[]): { bytes: Uint8Array; outputs: OnnxOutput[] } {
  const g = new GraphBuilder();
  const K = e.classes?.length ?? 1;
  const regression = e.task === 'regression';
  const cols = regression ? 1 : K;
  const outs = memberOut.map((name) => g.op('Cast', [g.input(name, 'float', ['N', cols])], { to: attr.int(DOUBLE) }));
  let combined: string;
  if (e.weights) {
    const terms = outs.map((o, m) => g.op('Mul', [o, g.scalar('double', e.weights![m], 'weight')]));
    combined = terms.length === 1 ? terms[0] : g.op('Sum', terms);
  } else {
    const meta = e.meta!;
    const d = metaWidth(e.task, K);
    // Binary members enter the meta-model by P(second class), as in combineOutputs.
    const parts = d === 1 && !regression
      ? outs.map((o) => g.op('Slice', [o, g.constant('int64', [1], [1], 'start'), g.constant('int64', [1], [2], 'end'), g.constant('int64', [1], [1], 'axis')]))
      : outs;
    const Z = parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: attr.int(1) });
    const p = meta.nFeatures, O = meta.outputs;
    const wt = new Float64Array(p * O);
    for (let o = 0; o < O; o++) for (let j = 0; j < p; j++) wt[j * O + o] = meta.weights[o * p + j];
    const margins = g.op('Add', [g.op('MatMul', [Z, g.constant('double', [p, O], wt, 'meta_w')]), g.constant('double', [O], meta.intercept, 'meta_b')]);
    if (meta.kind === 'ridge') combined = margins;
    else if (meta.kind === 'logistic') {
      const p1 = g.op('Sigmoid', [margins]);
      combined = g.op('Concat', [g.op('Sub', [g.scalar('double', 1), p1]), p1], { axis: attr.int(1) });
    } else combined = g.op('Softmax', [margins], { axis: attr.int(1) });
  }
  const outputs: OnnxOutput[] = [];
  if (regression) {
    g.op('Cast', [combined], { to: attr.int(FLOAT) }, { out: 'prediction' });
    g.output('prediction', 'float', ['N', 1]);
    outputs.push({ name: 'prediction', meaning: `predicted ${e.target} (${e.method} of ${e.members.length} models), float [N, 1]` });
  } else {
    const classes = e.classes!;
    g.op('ArgMax', [combined], { axis: attr.int(1), keepdims: attr.int(0), select_last_index: attr.int(0) }, { out: 'label' });
    g.op('Cast', [combined], { to: attr.int(FLOAT) }, { out: 'probabilities' });
    g.op('LabelEncoder', ['label'], {
      keys_int64s: attr.ints(classes.map((_, i) => i)), values_strings: attr.strings(classes.map(String)), default_string: attr.string(''),
    }, { domain: ML, out: 'class_label' });
    g.output('label', 'int64', ['N']);
    g.output('class_label', 'string', ['N']);
    g.output('probabilities', 'float', ['N', K]);
    outputs.push(
      { name: 'label', meaning: `predicted class index into [${classes.map((c) => JSON.stringify(c)).join(', ')}], int64 [N]` },
      { name: 'class_label', meaning: `predicted ${e.target} class as a string, [N]` },
      { name: 'probabilities', meaning: `class probabilities (${e.method} of ${e.members.length} models) in class index order, float [N, ${K}]` },
    );
  }
  return { bytes: g.encode('combiner', ''), outputs };
}

export function exportEnsembleOnnx(e: EnsembleArtifact): OnnxExport {
  const exports = e.members.map((m) => exportOnnx(m.artifact));
  const inputs = new Map<string, OnnxInput>();
  exports.forEach((x, i) => {
    for (const input of x.inputs) {
      const seen = inputs.get(input.name);
      if (seen && (seen.type !== input.type || seen.column !== input.column)) {
        throw new EnsembleError(`${e.members[i].ref} reads input ${input.name} as ${input.type}, another member as ${seen.type}`);
      }
      if (!seen) inputs.set(input.name, input);
    }
  });
  const graphs = exports.map((x) => onnx.ModelProto.decode(x.bytes).graph!);
  const inputNames = new Set(inputs.keys());
  const memberOut = e.members.map((_, i) => `m${i}__${e.task === 'regression' ? 'prediction' : 'probabilities'}`);
  const comb = combiner(e, memberOut);
  const combGraph = onnx.ModelProto.decode(comb.bytes).graph!;
  const parts = graphs.map((g, i) => prefixed(g, `m${i}__`, inputNames));
  // Graph inputs in the first member's order, then any only later members read.
  const inputInfo = new Map<string, onnxProto.onnx.IValueInfoProto>();
  for (const g of graphs) for (const vi of g.input ?? []) if (!inputInfo.has(vi.name!)) inputInfo.set(vi.name!, vi);
  const model = onnx.ModelProto.create({
    irVersion: 8, producerName: 'lathe', producerVersion: '1',
    docString: JSON.stringify({
      family: 'ensemble', method: e.method, task: e.task, target: e.target, classes: e.classes, weights: e.weights,
      members: e.members.map((m) => ({ ref: m.ref, family: m.artifact.family })),
      inputs: [...inputs.values()].map((i) => ({ name: i.name, column: i.column, type: i.type })),
    }),
    opsetImport: [{ domain: '', version: 17 }, { domain: ML, version: 3 }],
    graph: {
      name: `lathe_ensemble_${e.method}_${e.task}`,
      node: [...parts.flatMap((p) => p.node!), ...(combGraph.node ?? [])],
      initializer: [...parts.flatMap((p) => p.initializer!), ...(combGraph.initializer ?? [])],
      input: [...inputInfo.values()],
      output: combGraph.output,
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), inputs: [...inputs.values()], outputs: comb.outputs };
}
