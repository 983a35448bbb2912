/**
 * The fitted feature pipeline (models/pipeline/pipeline.ts) as ONNX nodes:
 * one graph input per source column, one float32 feature matrix [N, F] in
 * exactly the pipeline's feature order.
 *
 * Arithmetic runs in double and is rounded to float32 once per feature, as
 * Pipeline.transform does when it writes its Float32Array.
 */
import type { PipelineJSON, PipelineStep } from '../../pipeline/pipeline';
import { datePartsGraph } from './datePartsGraph';
import { attr, GraphBuilder, ML } from './proto';

export type OnnxInputType = 'float' | 'double' | 'string';

export interface OnnxInput {
  /** Graph input name (the column name unless it clashes with an output name). */
  name: string;
  type: OnnxInputType;
  /** Source column in the training frame. */
  column: string;
  kind: 'numeric' | 'date' | 'categorical';
  /** String inputs: the value that stands for a missing category. */
  missing?: string;
}

export interface PreprocessOptions {
  /** Element type of numeric/boolean inputs (dates are always double epoch milliseconds). */
  numericInput: 'float' | 'double';
  /** Categorical inputs: this string means "missing". */
  missingString: string;
  /** Names the inputs must not take (the graph outputs). */
  reservedNames: Set<string>;
}

/** Thrown for pipeline content that has no ONNX translation. */
export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
}

function inputName(column: string, taken: Set<string>, reserved: Set<string>): string {
  let name = column;
  if (reserved.has(name) || taken.has(name)) name = `${column}_input`;
  for (let i = 2; reserved.has(name) || taken.has(name); i++) name = `${column}_input${i}`;
  taken.add(name);
  return name;
}

/** Where(IsNaN(v), fill, v), then (v - mean) / scale, in double; fill/mean/scale broadcast against v. */
function imputeScale(g: GraphBuilder, v: string, fill: string, mean: string, scale: string): string {
  return g.op('Div', [g.op('Sub', [g.op('Where', [g.op('IsNaN', [v]), fill, v]), mean]), scale]);
}

function imputeScaleScalars(g: GraphBuilder, v: string, fill: number, mean: number, scale: number, hint: string): string {
  return imputeScale(g, v, g.scalar('double', fill, `${hint}_fill`), g.scalar('double', mean, `${hint}_mean`), g.scalar('double', scale, `${hint}_scale`));
}

const toFloat = (g: GraphBuilder, v: string) => g.op('Cast', [v], { to: attr.int(1) });
const toDouble = (g: GraphBuilder, v: string) => g.op('Cast', [v], { to: attr.int(11) });
const concat = (g: GraphBuilder, parts: string[]) => (parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: attr.int(1) }));

interface NumericSource {
  input: string;
  fill: number;
  mean: number;
  scale: number;
}

/** Where a feature comes from: a numeric column, its missing indicator, or a column of the other blocks. */
type Slot = { from: 'numeric' | 'missing'; index: number } | { from: 'other'; index: number };

/**
 * All numeric columns as one [N, k] matrix, imputed and scaled with vector constants: a
 * handful of nodes instead of five per column, which is most of a single row's latency.
 */
function numericBlock(g: GraphBuilder, sources: NumericSource[], type: 'float' | 'double', treeMode: boolean): { values: string; raw: string } {
  const raw = concat(g, sources.map((s) => s.input));
  if (treeMode) return { values: type === 'float' ? raw : toFloat(g, raw), raw };
  const k = sources.length;
  const vec = (pick: (s: NumericSource) => number, hint: string) => g.constant('double', [1, k], sources.map(pick), hint);
  const x = type === 'double' ? raw : toDouble(g, raw);
  return { values: toFloat(g, imputeScale(g, x, vec((s) => s.fill, 'numeric_fill'), vec((s) => s.mean, 'numeric_mean'), vec((s) => s.scale, 'numeric_scale'))), raw };
}

/** Adds inputs and preprocessing; returns the [N, F] float feature matrix and the inputs. */
export function buildPreprocessing(
  g: GraphBuilder, pipeline: PipelineJSON, expectedFeatures: number, opts: PreprocessOptions,
): { features: string; inputs: OnnxInput[] } {
  const { treeMode, categorical } = pipeline.options;
  for (const s of pipeline.steps) {
    if (s.kind === 'text') throw new OnnxExportError(`column "${s.column}": text columns cannot be exported to ONNX yet`);
  }
  const inputs: OnnxInput[] = [];
  const taken = new Set<string>();
  const numeric: NumericSource[] = [];
  /** Feature order of the pipeline, as slots of the numeric, missing-indicator and other blocks. */
  const slots: Slot[] = [];
  const blocks: string[] = [];
  let otherWidth = 0;
  const addBlock = (block: string, columns = 1) => {
    blocks.push(block);
    for (let j = 0; j < columns; j++) slots.push({ from: 'other', index: otherWidth + j });
    otherWidth += columns;
  };

  for (const s of pipeline.steps as Exclude<PipelineStep, { kind: 'text' }>[]) {
    const name = inputName(s.column, taken, opts.reservedNames);
    if (s.kind === 'numeric') {
      const type = opts.numericInput;
      g.input(name, type, ['N', 1]);
      inputs.push({ name, type, column: s.column, kind: 'numeric' });
      numeric.push({ input: name, fill: s.fill, mean: s.mean, scale: s.scale });
      slots.push({ from: 'numeric', index: numeric.length - 1 });
      if (s.indicator) slots.push({ from: 'missing', index: numeric.length - 1 });
    } else if (s.kind === 'date') {
      g.input(name, 'double', ['N', 1]);
      inputs.push({ name, type: 'double', column: s.column, kind: 'date' });
      const parts = datePartsGraph(g, name, s.parts);
      parts.forEach((v, p) => {
        addBlock(toFloat(g, treeMode ? v : imputeScaleScalars(g, v, s.fill[p], s.mean[p], s.scale[p], `${s.column}.${s.parts[p]}`)));
      });
      if (s.indicator) addBlock(toFloat(g, g.op('IsNaN', [name])));
    } else {
      g.input(name, 'string', ['N', 1]);
      inputs.push({ name, type: 'string', column: s.column, kind: 'categorical', missing: opts.missingString });
      if (s.categories.includes(opts.missingString)) {
        throw new OnnxExportError(
          `column "${s.column}": the category ${JSON.stringify(opts.missingString)} is also the missing-value marker; choose another missingString`,
        );
      }
      const n = s.categories.length;
      const other = s.hasOther ? n : -1;
      const keys = [...s.categories, opts.missingString];
      const oneHot = !treeMode && categorical === 'onehot';
      if (treeMode || !oneHot) {
        // Ordinal codes as float: tree mode keeps missing (and unseen without an other slot) as NaN;
        // dense ordinal mode replaces them with the mode, as Pipeline.transform does.
        const missingCode = treeMode ? NaN : s.mode;
        const unseenCode = other >= 0 ? other : missingCode;
        addBlock(g.op('LabelEncoder', [name], {
          keys_strings: attr.strings(keys),
          values_floats: attr.floats([...s.categories.map((_, i) => i), missingCode]),
          default_float: attr.float(unseenCode),
        }, { domain: ML }));
      } else {
        const levels = n + (s.hasOther ? 1 : 0);
        const unseenCode = other >= 0 ? other : s.mode;
        const code = g.op('LabelEncoder', [name], {
          keys_strings: attr.strings(keys),
          values_int64s: attr.ints([...s.categories.map((_, i) => i), s.mode]),
          default_int64: attr.int(unseenCode),
        }, { domain: ML });
        if (levels > 0) {
          const codes = g.constant('int64', [1, levels], Array.from({ length: levels }, (_, i) => i), `${s.column}_levels`);
          addBlock(toFloat(g, g.op('Equal', [code, codes])), levels);
        }
      }
      if (s.indicator) {
        addBlock(g.op('LabelEncoder', [name], {
          keys_strings: attr.strings([opts.missingString]),
          values_floats: attr.floats([1]),
          default_float: attr.float(0),
        }, { domain: ML }));
      }
    }
  }
  if (slots.length !== expectedFeatures) {
    throw new OnnxExportError(`pipeline produced ${slots.length} features but the model expects ${expectedFeatures}`);
  }
  if (slots.length === 0) throw new OnnxExportError('the pipeline has no features');
  const front: string[] = [];
  const k = numeric.length;
  const withMissing = slots.some((s) => s.from === 'missing');
  if (k > 0) {
    const { values, raw } = numericBlock(g, numeric, opts.numericInput, treeMode);
    front.push(values);
    if (withMissing) front.push(toFloat(g, g.op('IsNaN', [raw])));
  }
  const all = concat(g, [...front, ...blocks]);
  // Blocks were laid out by kind; one Gather restores the pipeline's feature order.
  const offset = { numeric: 0, missing: k, other: k + (withMissing ? k : 0) };
  const order = slots.map((s) => offset[s.from] + s.index);
  const width = k + (withMissing ? k : 0) + otherWidth;
  if (order.length === width && order.every((c, i) => c === i)) return { features: all, inputs };
  const features = g.op('Gather', [all, g.constant('int64', [order.length], order, 'feature_order')], { axis: attr.int(1) });
  return { features, inputs };
}
