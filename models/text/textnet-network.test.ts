import { describe, expect, it } from 'vitest';
import { TextnetModel, textnetSpecOf } from './textnet';
import { buildNetwork } from '../nn/build';
import { backendReport } from '../mlp/backend';
import type { TextModelJSON } from './types';

const texts = ['great food and friendly staff', 'awful service, cold food', 'loved it, will come back', 'never again, rude and slow', 'the best pizza in town', 'worst meal I have had'];
const labels = ['pos', 'neg', 'pos', 'neg', 'pos', 'neg'];

describe('textnet network', () => {
  it('is the textnet preset over term ids: a bag of its embeddings (padding row first), a dense layer, dropout and logits', async () => {
    const m = await TextnetModel.fit(texts, labels, { backends: ['cpu'], maxEpochs: 3, validationShare: 0, embeddingDim: 8, hidden: 4 });
    const j = m.toJSON();
    const state = j.state as { weights: { shape: number[] }[]; length: number; tfidf: { word?: { terms: string[] } } };
    const V = state.tfidf.word!.terms.length;
    expect(state.weights.map((w) => w.shape)).toEqual([[V + 1, 8], [8, 4], [4], [4, 2], [2]]);
    expect(state.length).toBeGreaterThan(0);
    // The stored model's spec (what the run page shows) builds a network of exactly these weights; version 1 models have none.
    const spec = textnetSpecOf(j)!;
    expect(spec.input).toEqual({ kind: 'tokens', vocabulary: V + 1, length: state.length });
    const net = buildNetwork(spec);
    expect(net.getWeights().map((w) => w.shape)).toEqual(state.weights.map((w) => w.shape));
    net.dispose();
    expect(textnetSpecOf({ ...j, state: { ...state, length: undefined } })).toBeNull();
    m.dispose();
  });

  it('trains on the WebAssembly kernel as TF.js trains it: the same epochs and probabilities to float32 rounding, dropout included', async () => {
    const many = Array.from({ length: 8 }, (_, k) => texts.map((t) => `${t} ${k % 2 ? 'really' : 'truly'}`)).flat();
    const y = Array.from({ length: 8 }, () => labels).flat();
    const params = { backends: ['cpu' as const], maxEpochs: 10, patience: 3, validationShare: 0.25, embeddingDim: 8, hidden: 6, dropout: 0.3, batchSize: 8, learningRate: 0.03, seed: 5 };
    const kernel = await TextnetModel.fit(many, y, params);
    expect(backendReport()).toMatchObject({ backend: 'cpu', trainedOn: 'wasm-kernel' });
    const tfjs = await TextnetModel.fit(many, y, { ...params, engine: 'tfjs' });
    expect(backendReport()).toMatchObject({ backend: 'cpu', trainedOn: 'cpu' });
    expect([kernel.epochs, kernel.bestEpoch]).toEqual([tfjs.epochs, tfjs.bestEpoch]);
    const a = kernel.predictProba(texts), b = tfjs.predictProba(texts);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    // Trained at all: the probabilities left the uniform start.
    expect(Math.max(...Array.from(a, (v) => Math.abs(v - 0.5)))).toBeGreaterThan(0.05);
    kernel.dispose();
    tfjs.dispose();
  });

  it('loads a model saved before (a dense bag over normalised counts, no length) and predicts as the same network', async () => {
    const m = await TextnetModel.fit(texts, labels, { backends: ['cpu'], maxEpochs: 5, validationShare: 0, embeddingDim: 8, hidden: 4 });
    const j = JSON.parse(JSON.stringify(m.toJSON())) as TextModelJSON;
    const state = j.state as { weights: { shape: number[]; values: number[] }[]; length?: number };
    // The same weights as a version 1 model held them: the term rows of the table, without the padding row.
    const [table] = state.weights;
    state.weights[0] = { shape: [table.shape[0] - 1, table.shape[1]], values: table.values.slice(table.shape[1]) };
    delete state.length;
    const old = await TextnetModel.fromJSON(j);
    const a = m.predictProba(texts), b = old.predictProba(texts);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    m.dispose();
    old.dispose();
  });
});
