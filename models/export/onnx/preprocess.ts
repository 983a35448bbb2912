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

/** Where(IsNaN(v), fill, v), then (v - mean) / scale, in double. */
function imputeScale(g: GraphBuilder, v: string, fill: number, mean: number, scale: number, hint: string): string {
  const filled = g.op('Where', [g.op('IsNaN', [v]), g.scalar('double', fill, `${hint}_fill`), v]);
  return g.op('Div', [g.op('Sub', [filled, g.scalar('double', mean, `${hint}_mean`)]), g.scalar('double', scale, `${hint}_scale`)]);
}

const toFloat = (g: GraphBuilder, v: string) => g.op('Cast', [v], { to: attr.int(1) });
const toDouble = (g: GraphBuilder, v: string) => g.op('Cast', [v], { to: attr.int(11) });

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
  const blocks: string[] = [];
  let width = 0;

  for (const s of pipeline.steps as Exclude<PipelineStep, { kind: 'text' }>[]) {
    const name = inputName(s.column, taken, opts.reservedNames);
    if (s.kind === 'numeric') {
      const type = opts.numericInput;
      g.input(name, type, ['N', 1]);
      inputs.push({ name, type, column: s.column, kind: 'numeric' });
      if (treeMode) blocks.push(type === 'float' ? name : toFloat(g, name));
      else {
        const v = type === 'double' ? name : toDouble(g, name);
        blocks.push(toFloat(g, imputeScale(g, v, s.fill, s.mean, s.scale, s.column)));
      }
      width++;
      if (s.indicator) {
        blocks.push(toFloat(g, g.op('IsNaN', [name])));
        width++;
      }
    } else if (s.kind === 'date') {
      g.input(name, 'double', ['N', 1]);
      inputs.push({ name, type: 'double', column: s.column, kind: 'date' });
      const parts = datePartsGraph(g, name, s.parts);
      parts.forEach((v, p) => {
        blocks.push(toFloat(g, treeMode ? v : imputeScale(g, v, s.fill[p], s.mean[p], s.scale[p], `${s.column}.${s.parts[p]}`)));
      });
      width += parts.length;
      if (s.indicator) {
        blocks.push(toFloat(g, g.op('IsNaN', [name])));
        width++;
      }
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
        blocks.push(g.op('LabelEncoder', [name], {
          keys_strings: attr.strings(keys),
          values_floats: attr.floats([...s.categories.map((_, i) => i), missingCode]),
          default_float: attr.float(unseenCode),
        }, { domain: ML }));
        width++;
      } else {
        const levels = n + (s.hasOther ? 1 : 0);
        const unseenCode = other >= 0 ? other : s.mode;
        const code = g.op('LabelEncoder', [name], {
          keys_strings: attr.strings(keys),
          values_int64s: attr.ints([...s.categories.map((_, i) => i), s.mode]),
          default_int64: attr.int(unseenCode),
        }, { domain: ML });
        if (levels > 0) {
          const slots = g.constant('int64', [1, levels], Array.from({ length: levels }, (_, i) => i), `${s.column}_levels`);
          blocks.push(toFloat(g, g.op('Equal', [code, slots])));
        }
        width += levels;
      }
      if (s.indicator) {
        blocks.push(g.op('LabelEncoder', [name], {
          keys_strings: attr.strings([opts.missingString]),
          values_floats: attr.floats([1]),
          default_float: attr.float(0),
        }, { domain: ML }));
        width++;
      }
    }
  }
  if (width !== expectedFeatures) {
    throw new OnnxExportError(`pipeline produced ${width} features but the model expects ${expectedFeatures}`);
  }
  if (blocks.length === 0) throw new OnnxExportError('the pipeline has no features');
  const features = blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, { axis: attr.int(1) });
  return { features, inputs };
}
