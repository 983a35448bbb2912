/** textnet as a TF.js layers model (model.json + weights.bin) with its vocabulary and tokenizer.mjs. */
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import { loadTextModel } from '../../../models/train/index';
import { selectBackend, tf } from '../../../models/mlp/backend';
import type { TextModelJSON } from '../../../models/text/types';
import type { TfidfJSON } from '../../../models/text/vectorize';
import type { TaskContext } from '../protocol';
import { writeBundle } from './bundle';
import { loadTextModule, textModuleSource } from './text-build';
import { textnetReadme } from './text-readme';
import { compareProbabilities, type TextRunModel } from './text-export';
import type { ExportTaskArgs } from './export-task';

const MAX_REL = 1e-4;

interface TextnetState { tfidf: TfidfJSON; weights: { shape: number[]; values: number[] }[] }

export async function exportTextnetTfjs(a: ExportTaskArgs, ctx: TaskContext, m: TextRunModel, texts: string[]): Promise<ExportResultDto> {
  const json = m.artifact.model as TextModelJSON;
  const state = json.state as TextnetState;
  const p = json.params as { embeddingDim: number; hidden: number };
  const terms = state.tfidf.word?.terms ?? [];
  const wordRange = state.tfidf.config.word;
  if (!wordRange || state.tfidf.config.tokenizer === 'sklearn') throw new ApiError('bad_request', 'this textnet model has no word vocabulary to export', { field: 'model' });
  ctx.progress(0.05, 'building the TF.js model');
  await selectBackend();
  // The network as trained, without dropout (inactive when predicting) and with softmax on its logits; the
  // output units are put in the run's class order (the classifier's are its sorted label strings).
  const perm = m.artifact.classes.map((c) => json.classes.indexOf(String(c)));
  const K = perm.length;
  const net = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [terms.length], units: p.embeddingDim, useBias: false, name: 'embedding_bag' }),
      tf.layers.dense({ units: p.hidden, activation: 'relu', name: 'hidden' }),
      tf.layers.dense({ units: K, activation: 'softmax', name: 'classes' }),
    ],
  });
  const [table, hiddenKernel, hiddenBias, outKernel, outBias] = state.weights;
  // Networks built from the textnet spec read term ids and hold a row for the padding id 0 first; the mean of
  // the term rows is the same bag over normalised counts that this model reads.
  const E = table.shape[1];
  const bag = table.shape[0] === terms.length + 1 ? { shape: [terms.length, E], values: table.values.slice(E) } : table;
  const H = outKernel.shape[0];
  const outK = Array.from({ length: H * K }, (_, i) => outKernel.values[Math.floor(i / K) * K + perm[i % K]]);
  const tensors = [
    tf.tensor(bag.values, bag.shape), tf.tensor(hiddenKernel.values, hiddenKernel.shape), tf.tensor(hiddenBias.values, hiddenBias.shape),
    tf.tensor(outK, [H, K]), tf.tensor(perm.map((j) => outBias.values[j]), [K]),
  ];
  net.setWeights(tensors);
  tf.dispose(tensors);
  let saved: tf.io.ModelArtifacts | null = null;
  await net.save(tf.io.withSaveHandler(async (art) => {
    saved = art;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  net.dispose();
  const art = saved! as tf.io.ModelArtifacts;
  const weightData = new Uint8Array(art.weightData as ArrayBuffer);

  ctx.progress(0.3, 'parity check');
  const source = await textModuleSource();
  const tokenizer = await loadTextModule(source);
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs, weightData: art.weightData }));
  const x = tokenizer.bagOfNgrams(texts, terms, state.tfidf.config.tokenizer, wordRange.max);
  const got = tf.tidy(() => (reloaded.predict(tf.tensor2d(x.data, x.dims)) as tf.Tensor).dataSync());
  reloaded.dispose();
  const loaded = await loadTextModel(m.artifact);
  const want = loaded.predictProba(texts);
  loaded.dispose();
  const cmp = compareProbabilities(got, want, K);
  const passed = cmp.maxRel <= MAX_REL && cmp.labelMismatches === 0;
  const parity = { rows: texts.length, ...cmp, passed };
  if (!passed) {
    throw new ApiError('conflict', `The TF.js export does not reproduce the app's predictions (max relative error ${cmp.maxRel.toExponential(2)}, ${cmp.labelMismatches} label mismatches; limit ${MAX_REL}); nothing was written`, parity);
  }
  const modelJson = { format: 'layers-model', generatedBy: 'Lathe', convertedBy: null, modelTopology: art.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }] };
  const manifest = {
    format: 'tfjs', model: a.ref, version: a.version, runId: m.run.id, family: 'textnet', task: m.artifact.task, target: m.artifact.target,
    textColumn: m.artifact.textColumn, classes: m.artifact.classes, outputs: [{ name: 'classes', meaning: `class probabilities in the order of classes, float [N, ${K}]` }],
    metrics: m.run.metrics, datasetSha256: m.run.datasetSha256, created: new Date().toISOString(), parity: { ...parity, limit: MAX_REL },
    latency: { singleP50Us: 0, batchRowsPerSec: 0 }, vocabularySize: terms.length,
  };
  const files = writeBundle(a.outDir, {
    'model.json': JSON.stringify(modelJson),
    'weights.bin': weightData,
    'vocabulary.json': JSON.stringify({ terms, tokenizer: state.tfidf.config.tokenizer, maxN: wordRange.max }),
    'tokenizer.mjs': source,
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
    'README.md': textnetReadme(manifest),
  }, { force: a.force });
  return {
    format: 'tfjs', outDir: a.outDir, files, sizeBytes: weightData.length, parity,
    latency: { singleP50Us: 0, singleP99Us: 0, batchRowsPerSec: 0, batchRows: 0 }, inputs: [], outputs: manifest.outputs,
  };
}
