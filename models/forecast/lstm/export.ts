/**
 * The fitted network as a TF.js layers model (model.json + weights.bin) for the export bundle, with what a
 * reader needs to build its input and read its output: the channels, each series' scaling, the anchor rule.
 */
import { selectBackend, tf } from '../../mlp/backend';
import { decodeFloat32, type LstmJson } from './model';
import { buildNetwork } from './tf-network';
import { channelNames } from './windows';

export interface LstmTfjsExport {
  /** The content of model.json, its weights manifest pointing at weights.bin. */
  modelJson: Record<string, unknown>;
  /** The content of weights.bin. */
  weightsBin: Uint8Array;
  /** How to feed the model and read it, for the bundle's manifest and README. */
  io: {
    input: { shape: [null, number, number]; channels: string[]; pastSteps: number; futureSteps: number };
    output: { shape: [null, number]; mode: LstmJson['mode'] };
    series: { mean: number; std: number }[];
    note: string;
  };
}

export async function lstmToTfjsLayers(json: LstmJson): Promise<LstmTfjsExport> {
  await selectBackend();
  const net = buildNetwork(json.network, json.weights.map(decodeFloat32));
  try {
    let saved: tf.io.ModelArtifacts | null = null;
    await net.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const art = saved! as tf.io.ModelArtifacts;
    const data = art.weightData!;
    const weightsBin = new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
    const { spec, network } = json;
    return {
      modelJson: { format: 'layers-model', generatedBy: 'Lathe', convertedBy: null, modelTopology: art.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }] },
      weightsBin,
      io: {
        input: { shape: [null, network.steps, network.channels], channels: channelNames(spec), pastSteps: spec.window, futureSteps: spec.futureSteps },
        output: { shape: [null, network.outputs], mode: json.mode },
        series: json.members.map((m) => ({ mean: m.mean, std: m.std })),
        note:
          `Scale a series' last ${spec.window} values by its mean and std, subtract the last observed scaled value (the anchor) and put them in channel 0 ` +
          `(a missing value as 0). Each output is a scaled value minus the anchor: value = (output + anchor) · std + mean` +
          (json.mode === 'recursive' ? '; the single output is the next step, fed back as the newest value for the one after.' : `, one output per step ahead.`),
      },
    };
  } finally {
    net.dispose();
  }
}
