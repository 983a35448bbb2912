/**
 * Minimal ONNX graph builder on top of the `onnx-proto` message classes.
 * Produces a serialised ModelProto (opset 17 for the default domain and
 * opset 3 for `ai.onnx.ml`). Names are made unique with a counter.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const ONNX_OPSET = 17;
export const ONNX_ML_OPSET = 3;
export const ML = 'ai.onnx.ml';

export type ElemType = 'float' | 'double' | 'int64' | 'string' | 'bool';

const DATA_TYPE: Record<ElemType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  double: onnx.TensorProto.DataType.DOUBLE,
  int64: onnx.TensorProto.DataType.INT64,
  string: onnx.TensorProto.DataType.STRING,
  bool: onnx.TensorProto.DataType.BOOL,
};

/** Attribute values: numbers are ints unless wrapped with `floats()`/`float()`. */
export type AttrValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: ArrayLike<number> }
  | { kind: 'floats'; value: ArrayLike<number> }
  | { kind: 'strings'; value: string[] }
  | { kind: 'tensor'; value: onnxProto.onnx.ITensorProto };

export const attr = {
  int: (value: number): AttrValue => ({ kind: 'int', value }),
  float: (value: number): AttrValue => ({ kind: 'float', value }),
  string: (value: string): AttrValue => ({ kind: 'string', value }),
  ints: (value: ArrayLike<number>): AttrValue => ({ kind: 'ints', value }),
  floats: (value: ArrayLike<number>): AttrValue => ({ kind: 'floats', value }),
  strings: (value: string[]): AttrValue => ({ kind: 'strings', value }),
  tensor: (value: onnxProto.onnx.ITensorProto): AttrValue => ({ kind: 'tensor', value }),
};

const utf8 = new TextEncoder();

function toAttribute(name: string, a: AttrValue): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.kind) {
    case 'int': return { name, type: T.INT, i: a.value };
    case 'float': return { name, type: T.FLOAT, f: a.value };
    case 'string': return { name, type: T.STRING, s: utf8.encode(a.value) };
    case 'ints': return { name, type: T.INTS, ints: Array.from(a.value) };
    case 'floats': return { name, type: T.FLOATS, floats: Array.from(a.value) };
    case 'strings': return { name, type: T.STRINGS, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensor': return { name, type: T.TENSOR, t: a.value };
  }
}

/** Tensor proto with little-endian raw data (strings use string_data). */
export function tensorProto(type: ElemType, dims: number[], values: ArrayLike<number> | string[], name = ''): onnxProto.onnx.ITensorProto {
  const size = dims.reduce((a, b) => a * b, 1);
  if (values.length !== size) throw new Error(`tensor ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
  const t: onnxProto.onnx.ITensorProto = { name, dims, dataType: DATA_TYPE[type] };
  if (type === 'string') {
    t.stringData = (values as string[]).map((s) => utf8.encode(s));
    return t;
  }
  const nums = values as ArrayLike<number>;
  let bytes: Uint8Array;
  switch (type) {
    case 'float': bytes = new Uint8Array(Float32Array.from(nums).buffer); break;
    case 'double': bytes = new Uint8Array(Float64Array.from(nums).buffer); break;
    case 'int64': bytes = new Uint8Array(BigInt64Array.from(Array.from(nums, (v) => BigInt(v))).buffer); break;
    case 'bool': bytes = Uint8Array.from(nums, (v) => (v ? 1 : 0)); break;
  }
  // Typed arrays are little-endian on every platform Node supports.
  t.rawData = bytes;
  return t;
}

function valueInfo(name: string, type: ElemType, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  /** A fresh tensor name derived from `hint`. */
  fresh(hint: string): string {
    const base = hint.replace(/[^A-Za-z0-9_.]/g, '_') || 't';
    let name = `${base}_${this.counter++}`;
    while (this.used.has(name)) name = `${base}_${this.counter++}`;
    this.used.add(name);
    return name;
  }

  /** Reserves an exact name (graph inputs/outputs); throws on clashes. */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`duplicate ONNX tensor name: ${name}`);
    this.used.add(name);
    return name;
  }

  input(name: string, type: ElemType, dims: (number | string)[]): string {
    this.inputs.push(valueInfo(this.reserve(name), type, dims));
    return name;
  }

  /** Declares `name` (already produced by a node) as a graph output. */
  output(name: string, type: ElemType, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  constant(type: ElemType, dims: number[], values: ArrayLike<number> | string[], hint = 'const'): string {
    const name = this.fresh(hint);
    this.initializers.push(tensorProto(type, dims, values, name));
    return name;
  }

  /** Scalar constants (rank 0) broadcast against any shape. */
  scalar(type: ElemType, value: number, hint = 'c'): string {
    return this.constant(type, [], [value], hint);
  }

  /** Adds a node with one output (named `out` or a fresh name) and returns that output. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, opts: { domain?: string; out?: string } = {}): string {
    return this.ops(opType, inputs, [opts.out ?? this.fresh(opType.toLowerCase())], attrs, opts.domain)[0];
  }

  /** Adds a node with several outputs (TopK's values and indices), named as given; returns them. */
  ops(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}, domain = ''): string[] {
    this.nodes.push({
      opType,
      domain,
      input: inputs,
      output: outputs,
      name: this.fresh(`n_${opType}`),
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return outputs;
  }

  encode(graphName: string, docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'lathe',
      producerVersion: '1',
      docString,
      opsetImport: [
        { domain: '', version: ONNX_OPSET },
        { domain: ML, version: ONNX_ML_OPSET },
      ],
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
