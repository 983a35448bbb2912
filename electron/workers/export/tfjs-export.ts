import { openDatabase } from '../../data/db/open';
import { loadRunModel } from './run-model';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { ExportResultDto } from '../../../shared/api/methods/export';
import { mlpSpecOf, type MlpModelJSON } from '../../../models/mlp/mlp';
import { buildNetwork } from '../../../models/nn/build';
import { Pipeline } from '../../../models/pipeline/pipeline';
import { loadModel } from '../../../models/train/loadModel';
import { takeRows } from '../../../models/frame/frame';
import { selectBackend, tf } from '../../../models/mlp/backend';
import type { TaskContext } from '../protocol';
import { writeBundle } from './bundle';
import type { ExportTaskArgs } from './export-task';

/** The mlp as a TF.js layers model (model.json + weights.bin); the pipeline travels as JSON in the manifest. */
export async function exportTfjs(a: ExportTaskArgs, ctx: TaskContext): Promise<ExportResultDto> {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const { run, artifact, preds } = loadRunModel(db, a.runId);
    if (artifact.family !== 'mlp') throw new ApiError('bad_request', `The TF.js format is for mlp models; this is a ${artifact.family} model: export it as onnx`, { field: 'format' });
    await selectBackend();
    const m = artifact.model as MlpModelJSON;
    // The network as trained, from its spec (version 1 models: the preset of their hidden layers).
    const net = buildNetwork(mlpSpecOf(m));
    net.setWeights(m.weights.map((w) => tf.tensor(w.values, w.shape)));
    let saved: tf.io.ModelArtifacts | null = null;
    await net.save(tf.io.withSaveHandler(async (art) => {
      saved = art;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const art = saved! as tf.io.ModelArtifacts;
    const weightData = new Uint8Array(art.weightData as ArrayBuffer);
    // Parity: the saved model, loaded back, against the app's predictions on held-out rows.
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs, weightData: art.weightData }));
    const frame = loadFrame(db, run.testDatasetId ?? run.datasetId!).frame;
    const sub = takeRows(frame, preds.rows.slice(0, 2000));
    const x = Pipeline.fromJSON(artifact.pipeline).transform(sub);
    const out = (reloaded.predict(tf.tensor2d(x.data, [x.rows, x.cols])) as tf.Tensor).dataSync();
    const loaded = loadModel(artifact);
    const want = loaded.predict(sub);
    loaded.dispose();
    let maxAbs = 0;
    let maxRel = 0;
    const wantFlat = m.task === 'regression' ? want.values : want.probabilities!;
    for (let i = 0; i < wantFlat.length; i++) {
      const got = m.task === 'regression' ? out[i] * m.yStd + m.yMean : m.task === 'binary' && m.outputs === 1 ? (i % 2 === 1 ? out[(i - 1) / 2] : 1 - out[i / 2]) : out[i];
      const d = Math.abs(got - wantFlat[i]);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(wantFlat[i]), 1e-6));
    }
    if (maxRel > 1e-4) throw new ApiError('conflict', `The TF.js export does not reproduce the app's predictions (max relative error ${maxRel.toExponential(2)}); nothing was written`);
    const modelJson = { format: 'layers-model', generatedBy: 'Lathe', convertedBy: null, modelTopology: art.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }] };
    const manifest = {
      format: 'tfjs', model: a.ref, version: a.version, runId: run.id, task: artifact.task, target: artifact.target, classes: artifact.classes,
      features: artifact.features, pipeline: artifact.pipeline, output: m.task === 'regression' ? { scale: m.yStd, offset: m.yMean, note: 'prediction = output * scale + offset' } : { note: 'class probabilities' },
      metrics: run.metrics, datasetSha256: run.datasetSha256, created: new Date().toISOString(), parity: { rows: sub.rowCount, maxAbs, maxRel },
    };
    const files = writeBundle(a.outDir, {
      'model.json': JSON.stringify(modelJson),
      'weights.bin': weightData,
      'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
      'README.md': `# ${a.ref}\n\nTF.js layers model (\`tf.loadLayersModel('file://…/model.json')\`). Inputs are the ${artifact.features.length} engineered features of the pipeline in manifest.json (apply it first); ${m.task === 'regression' ? 'multiply the output by manifest.output.scale and add manifest.output.offset' : 'outputs are class probabilities'}.\n`,
    }, { force: a.force });
    return {
      format: 'tfjs', outDir: a.outDir, files, sizeBytes: weightData.length, parity: { rows: sub.rowCount, maxAbs, maxRel, labelMismatches: 0, passed: true },
      latency: { singleP50Us: 0, singleP99Us: 0, batchRowsPerSec: 0, batchRows: 0 }, inputs: [], outputs: [],
    };
  } finally {
    db.close();
  }
}
