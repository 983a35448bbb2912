/** Live predictions of the what-if form (onnxruntime) and their per-column explanations. */
import { performance } from 'node:perf_hooks';
import { takeRows, type Frame } from '../../../models/frame/frame';
import { loadModel } from '../../../models/train/loadModel';
import { buildFeeds } from '../../../models/export/onnx/index';
import { explain } from '../../../models/explain/index';
import { ApiError } from '../../../shared/api/errors';
import type { ExplanationDto, ExplorerPredictDto, ExplorerPredictionDto } from '../../../shared/api/methods/explorer';
import { runSession } from '../export/ort';
import type { ExplorerModel } from './explorer-model';
import { rowsToFrame } from './rows';
import { predictTextRows } from './text-predict';

/** Background rows for model-agnostic explanations: each explained row costs background × samples predictions. */
const EXPLAIN_BACKGROUND = 100;

export async function predictRows(m: ExplorerModel, rows: Record<string, unknown>[], withExplain: boolean, explainClass?: string): Promise<ExplorerPredictDto> {
  // Text models explain word by word, not column by column.
  if (m.text) return predictTextRows(m, m.text, rows, withExplain, explainClass);
  const frame = rowsToFrame(m, rows);
  const t0 = performance.now();
  const predictions = m.onnx ? await viaOnnx(m, frame) : viaApp(m, frame);
  const latencyUs = Math.round((performance.now() - t0) * 1000);
  // An ensemble's members explain differently (TreeSHAP, coefficients, …): none is offered for their combination.
  const explanations = withExplain && !m.ensemble ? explainFrame(m, frame, predictions, explainClass) : null;
  return { predictions, explanations, latencyUs, engine: m.onnx ? 'onnxruntime' : 'lathe' };
}

async function viaOnnx(m: ExplorerModel, frame: Frame): Promise<ExplorerPredictionDto[]> {
  const { exported, session } = m.onnx!;
  const out = await runSession(session, buildFeeds(exported.inputs, frame));
  const classes = m.artifact.classes?.map(String) ?? null;
  return Array.from({ length: frame.rowCount }, (_, i) => {
    if (!classes) {
      return {
        value: Number(out.prediction.data[i]), label: null, probabilities: null,
        lower: out.lower ? Number(out.lower.data[i]) : null, upper: out.upper ? Number(out.upper.data[i]) : null,
      };
    }
    const K = classes.length;
    const probabilities = Object.fromEntries(classes.map((c, k) => [c, Number(out.probabilities.data[i * K + k])]));
    return { value: null, label: String(out.class_label.data[i]), probabilities, lower: null, upper: null };
  });
}

/** Models the graph cannot express (text columns) predict with the in-app model, still in this worker. */
function viaApp(m: ExplorerModel, frame: Frame): ExplorerPredictionDto[] {
  const model = loadModel(m.artifact);
  let p: ReturnType<typeof model.predict>;
  try {
    p = model.predict(frame);
  } finally {
    model.dispose(); // this worker lives long: an mlp's network must not stay behind per request
  }
  const classes = m.artifact.classes?.map(String) ?? null;
  return Array.from({ length: frame.rowCount }, (_, i) => {
    if (!classes) return { value: p.values[i], label: null, probabilities: null, lower: p.lower?.[i] ?? null, upper: p.upper?.[i] ?? null };
    const K = classes.length;
    const probabilities = Object.fromEntries(classes.map((c, k) => [c, p.probabilities![i * K + k]]));
    return { value: null, label: String(p.labels![i]), probabilities, lower: null, upper: null };
  });
}

function explainFrame(m: ExplorerModel, frame: Frame, predictions: ExplorerPredictionDto[], explainClass?: string): ExplanationDto[] {
  const a = m.artifact;
  const classes = a.classes?.map(String) ?? null;
  if (explainClass !== undefined && (!classes || !classes.includes(explainClass))) {
    throw new ApiError('bad_request', `explainClass: '${explainClass}' is not a class of this model${classes ? ` (${classes.join(', ')})` : ''}`, { field: 'explainClass' });
  }
  const background = a.family === 'mlp' ? subsample(m.sample, EXPLAIN_BACKGROUND) : m.sample;
  const e = explain(a, frame, { background, seed: 7 });
  const C = e.columns.length, K = e.outputs;
  return predictions.map((p, r) => {
    let k = 0;
    let output = a.target;
    if (classes && K === 1) output = classes[1];
    if (classes && K > 1) {
      const name = explainClass ?? p.label!;
      k = Math.max(0, classes.indexOf(name));
      output = classes[k];
    }
    const contributions = e.columns
      .map((column, c) => ({ column, value: cellValue(frame, column, r), contribution: e.values[(r * K + k) * C + c] }))
      .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
    return { method: e.method, space: e.space, output, base: e.base[k], contributions };
  });
}

function cellValue(frame: Frame, column: string, r: number): string | number | null {
  const col = frame.columns.find((c) => c.name === column);
  if (!col) return null;
  const v = col.values[r];
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  return v ?? null;
}

/** Every k-th row, so the background keeps the sample's spread. */
export function subsample(frame: Frame, max: number): Frame {
  if (frame.rowCount <= max) return frame;
  const step = frame.rowCount / max;
  return takeRows(frame, Array.from({ length: max }, (_, i) => Math.floor(i * step)));
}
