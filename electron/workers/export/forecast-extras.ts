/**
 * What a forecast bundle carries besides the runtime, by family: the gbdt trees as ONNX (fed by the runtime's
 * feature rows, checked in onnxruntime against the runtime's first forecast step), the lstm network as a TF.js
 * layers model written by the family's own writer. Per-series families have none.
 */
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { GbdtForecastJson } from '../../../models/forecast/gbdt/model';
import type { Forecaster } from '../../../models/forecast/runtime';
import { attr, GraphBuilder } from '../../../models/export/onnx/proto';
import { treeEnsemble } from '../../../models/export/onnx/trees';
import { loadOrt } from './ort';
import type { ParityCase } from './forecast-parity';

export interface ForecastExtras {
  files: Record<string, string | Uint8Array>;
  bytes: number;
  manifest: Record<string, unknown>;
  facts: { onnxFeatures: string[] | null; tfjsNote: string | null };
  inputs: ExportResultDto['inputs'];
}

/** float32 output of the trees, widened into the forecast's units: a few ulps of float32, relative. */
export const ONNX_PARITY_LIMIT = 1e-5;

const NONE: ForecastExtras = { files: {}, bytes: 0, manifest: {}, facts: { onnxFeatures: null, tfjsNote: null }, inputs: [] };

/** The trees alone: features float [N, F] → prediction float [N, 1] (the scaled target of the next step). */
export function gbdtForecastOnnx(json: GbdtForecastJson): Uint8Array {
  const m = json.model;
  if (m.numOutputs !== 1 || m.loss === 'logloss' || m.loss === 'softmax') throw new ApiError('bad_request', `a gbdt forecaster with a ${m.loss} loss cannot be exported`, { field: 'model' });
  const g = new GraphBuilder();
  g.reserve('prediction');
  const x = g.input('features', 'float', ['N', m.nFeatures]);
  const xd = g.op('Cast', [x], { to: attr.int(11) });
  const y = treeEnsemble(g, xd, { trees: m.trees, numOutputs: 1, baseValues: [m.baseScore[0]], leafDivisor: 1, nFeatures: m.nFeatures });
  g.op('Identity', [y], {}, { out: 'prediction' });
  g.output('prediction', 'float', ['N', 1]);
  return g.encode('lathe_forecast_gbdt', JSON.stringify({ family: 'gbdt', task: 'forecast', features: m.featureNames }));
}

async function gbdtExtras(a: ForecastArtifact, bundle: Forecaster, fromFit: ParityCase): Promise<ForecastExtras> {
  const bytes = gbdtForecastOnnx(a.global as GbdtForecastJson);
  const { names, rows } = await bundle.features(fromFit.request);
  const first = new Map(fromFit.expected.map((p) => [`${p.series} ${p.t}`, p.mean]));
  const ort = loadOrt();
  const session = await ort.InferenceSession.create(bytes);
  const x = Float32Array.from(rows.flatMap((r) => r.features.map((v) => (v === null ? NaN : v))));
  const out = await session.run({ features: new ort.Tensor('float32', x, [rows.length, names.length]) });
  const prediction = out.prediction.data as Float32Array;
  let maxRel = 0;
  rows.forEach((r, i) => {
    const want = first.get(`${r.series} ${r.t}`);
    if (want === undefined) throw new Error(`no first forecast step for ${r.series} ${r.t}`);
    const got = (prediction[i] + r.anchor) * r.scale;
    maxRel = Math.max(maxRel, Math.abs(got - want) / Math.max(Math.abs(want), 1e-9));
  });
  if (!(maxRel <= ONNX_PARITY_LIMIT)) {
    throw new ApiError('conflict', `model.onnx does not reproduce the trees' next-step forecasts (max relative difference ${maxRel.toExponential(2)}; limit ${ONNX_PARITY_LIMIT}); nothing was written`);
  }
  return {
    files: { 'model.onnx': bytes },
    bytes: bytes.length,
    manifest: { onnx: { input: { name: 'features', type: 'float32', shape: ['N', names.length], names }, output: 'prediction', forecast: '(prediction + anchor) * scale', parity: { rows: rows.length, maxRel, limit: ONNX_PARITY_LIMIT } } },
    facts: { onnxFeatures: names, tfjsNote: null },
    inputs: [{ name: 'features', type: 'float', column: names.join(', '), kind: 'features' }],
  };
}

async function lstmExtras(a: ForecastArtifact): Promise<ForecastExtras> {
  const { lstmToTfjsLayers } = await import('../../../models/forecast/lstm/export');
  const exported = await lstmToTfjsLayers(a.global as Parameters<typeof lstmToTfjsLayers>[0]);
  const modelJson = exported.modelJson as { weightsManifest: { paths: string[] }[] };
  for (const group of modelJson.weightsManifest) group.paths = ['lstm-weights.bin'];
  const text = JSON.stringify(modelJson);
  return {
    files: { 'lstm-model.json': text, 'lstm-weights.bin': exported.weightsBin },
    bytes: text.length + exported.weightsBin.length,
    manifest: { tfjs: { model: 'lstm-model.json', weights: 'lstm-weights.bin', ...exported.io } },
    facts: { onnxFeatures: null, tfjsNote: `\`tf.loadLayersModel('file://…/lstm-model.json')\` loads the network (input ${JSON.stringify(exported.io.input.shape)}: channels ${exported.io.input.channels.join(', ')}; output ${JSON.stringify(exported.io.output.shape)}). ${exported.io.note} Each series' mean and std are in manifest.json (tfjs.series, in model.json's series order). forecast.mjs runs the same network in plain JavaScript.` },
    inputs: [],
  };
}

export async function forecastExtras(a: ForecastArtifact, bundle: Forecaster, fromFit: ParityCase): Promise<ForecastExtras> {
  if (a.model === 'gbdt') return gbdtExtras(a, bundle, fromFit);
  if (a.model === 'lstm') return lstmExtras(a);
  return NONE;
}
