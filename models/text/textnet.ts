/**
 * `textnet`: a small network trained from scratch (no pretrained vectors): an embedding bag — the mean of
 * the embeddings of a text's word 1–2-grams, as fastText does — then a dense ReLU layer, dropout and
 * a softmax output (the network gives logits). Its network is shared/nn's textnet preset over the text's
 * term ids (each occurrence once, id 0 padding), trained by the shared loop (models/nn/train) with Adam's
 * update, seeded initialisation, batches and dropout; early stopping on a seeded validation share, keeping
 * the best epoch's weights; a checkpoint after each epoch lets a stopped fit resume. Models saved before
 * (version 1 state without `length`) held the bag as a bias-free dense layer over normalised term counts,
 * the same mean; they load and predict as they were.
 */
import { selectBackend, tf, type BackendName } from '../mlp/backend';
import { mulberry32, shuffleInPlace, range } from '../split/prng';
import type { Analysis } from './analyze';
import { buildNetwork as buildSpecNetwork } from '../nn/build';
import { trainNetwork } from '../nn/train/index';
import { textnetNetwork } from '../../shared/nn/families';
import type { NetworkSpec } from '../../shared/nn/spec';
import { argmaxRows, encodeLabels, type TextClassifier, type TextExplanation, type TextFitHooks, type TextModelJSON } from './types';
import { DEFAULT_TEXTNET_PARAMS } from './familyParams';
import { TfidfVectorizer, type TfidfConfig, type TfidfJSON } from './vectorize';

export interface TextnetParams {
  tfidf: Partial<TfidfConfig>;
  embeddingDim: number;
  hidden: number;
  dropout: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  patience: number;
  validationShare: number;
  seed: number;
  /** Restrict the TF.js backends tried (e.g. ['cpu'] for bit-reproducible runs); null: the fastest that works. */
  backends: BackendName[] | null;
  /** What trains the batches: 'auto' (the WebAssembly kernel, which covers this network) or 'tfjs' (TF.js always, to compare). */
  engine?: 'auto' | 'tfjs';
}

export { DEFAULT_TEXTNET_PARAMS } from './familyParams';

const COUNTS: Partial<TfidfConfig> = { useIdf: false, norm: 'none', sublinearTf: false, binary: false };

/** `length`: term ids per text of a spec-built network; absent in models saved before, which read term counts. */
interface TextnetState { tfidf: TfidfJSON; weights: { shape: number[]; values: number[] }[]; epochs: number; bestEpoch: number; length?: number }

/** The most term ids a text keeps (its first ones, in vocabulary order); sentiment texts hold far fewer. */
const MAX_TERMS = 512;

/** A text's term ids (vocabulary index + 1, each occurrence once), cut or padded with 0 to `length`. */
function termIds(row: Map<number, number>, length: number, out: Float32Array, at: number): void {
  let k = 0;
  for (const [j, c] of row) for (let n = 0; n < c && k < length; n++) out[at + k++] = j + 1;
}

function idRows(rows: Map<number, number>[], length: number): Float32Array {
  const out = new Float32Array(rows.length * length);
  rows.forEach((row, r) => termIds(row, length, out, r * length));
  return out;
}

/** Version 1 models: the bag as a dense layer over normalised counts. */
function buildCountsNetwork(nTerms: number, nClasses: number, p: TextnetParams): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [nTerms], units: p.embeddingDim, useBias: false, kernelInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: p.seed }) }),
      tf.layers.dense({ units: p.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: p.seed + 1 }) }),
      tf.layers.dropout({ rate: p.dropout, seed: p.seed + 2 }),
      tf.layers.dense({ units: nClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: p.seed + 3 }) }),
    ],
  });
}

/** Mean-of-terms rows (each row's counts divided by its total), dense, for the given term lists. */
function bagRows(termCounts: Map<number, number>[], nTerms: number): Float32Array {
  const out = new Float32Array(termCounts.length * nTerms);
  termCounts.forEach((row, r) => {
    let total = 0;
    for (const c of row.values()) total += c;
    for (const [j, c] of row) out[r * nTerms + j] = c / total;
  });
  return out;
}

/** A stored textnet model's network as shared/nn's spec; null for version 1 models (a dense bag over term counts). */
export function textnetSpecOf(j: TextModelJSON): NetworkSpec | null {
  const s = j.state as TextnetState;
  if (j.family !== 'textnet' || s.length === undefined) return null;
  const p = j.params as unknown as TextnetParams;
  const vocabulary = TfidfVectorizer.fromJSON(s.tfidf).nFeatures + 1;
  return textnetNetwork({ vocabulary, length: s.length, embeddingDim: p.embeddingDim, hidden: p.hidden, dropout: p.dropout, classes: j.classes.length });
}

export class TextnetModel implements TextClassifier {
  readonly family = 'textnet' as const;

  private constructor(
    readonly classes: string[],
    readonly params: TextnetParams,
    readonly vectorizer: TfidfVectorizer,
    private readonly net: tf.LayersModel,
    readonly epochs: number,
    readonly bestEpoch: number,
    /** Term ids per text (spec-built networks); null: a version 1 network over term counts. */
    private readonly length: number | null,
  ) {}

  static async fit(texts: string[], labels: string[], params: Partial<TextnetParams> = {}, hooks: TextFitHooks = {}): Promise<TextnetModel> {
    const p: TextnetParams = { ...DEFAULT_TEXTNET_PARAMS, ...params, tfidf: { ...DEFAULT_TEXTNET_PARAMS.tfidf, ...params.tfidf, ...COUNTS } };
    await selectBackend(p.backends ?? undefined);
    const { classes, y } = encodeLabels(labels);
    const K = classes.length;
    const rand = mulberry32(p.seed);
    const order = shuffleInPlace(range(texts.length), rand);
    const nVal = texts.length >= 20 ? Math.max(1, Math.round(texts.length * p.validationShare)) : 0;
    const valRows = Array.from(order.subarray(0, nVal)), trainRows = Array.from(order.subarray(nVal));
    // The vocabulary comes from the training share only, so validation sees unseen terms as a user's texts will.
    const vectorizer = TfidfVectorizer.fit(trainRows.map((r) => texts[r]), p.tfidf);
    const V = vectorizer.nFeatures;
    const rows = texts.map((t) => vectorizer.transformOne(t).row);
    const terms = (r: number) => Array.from(rows[r].values()).reduce((a, c) => a + c, 0);
    const length = Math.max(1, Math.min(MAX_TERMS, trainRows.reduce((m, r) => Math.max(m, terms(r)), 0)));
    const spec = textnetNetwork({ vocabulary: V + 1, length, embeddingDim: p.embeddingDim, hidden: p.hidden, dropout: p.dropout, classes: K });
    const net = buildSpecNetwork(spec, { seed: p.seed });
    const setOf = (idx: number[]) => {
      const y1 = new Float32Array(idx.length * K);
      idx.forEach((r, i) => (y1[i * K + y[r]] = 1));
      return { x: idRows(idx.map((r) => rows[r]), length), y: y1, rows: idx.length };
    };
    const valid = nVal > 0 ? setOf(valRows) : undefined;
    const accuracy = (set: { x: Float32Array; y: Float32Array; rows: number }): number => {
      const P = tf.tidy(() => (net.predict(tf.tensor2d(set.x, [set.rows, length])) as tf.Tensor).argMax(-1).dataSync());
      let right = 0;
      for (let i = 0; i < set.rows; i++) if (set.y[i * K + P[i]] === 1) right++;
      return right / set.rows;
    };
    const r = await trainNetwork(net, { xShape: [length], yShape: [K], train: setOf(trainRows), valid }, {
      epochs: p.maxEpochs, batchSize: p.batchSize, seed: p.seed, learningRate: p.learningRate, loss: 'softmaxCrossEntropy',
      optimizer: { weightDecay: 0 }, restoreBest: true, engine: p.engine ?? 'auto',
      earlyStopping: valid ? { patience: p.patience, minDelta: 1e-6 } : undefined,
      onMetrics: (epoch, m) => {
        const metrics: Record<string, number> = { loss: m.loss };
        if (valid) Object.assign(metrics, { valLoss: m.val_loss, valAccuracy: accuracy(valid) });
        hooks.onMetrics?.(epoch - 1, metrics);
        hooks.onProgress?.(epoch, p.maxEpochs, 'epochs');
      },
      shouldStop: hooks.shouldStop, onCheckpoint: hooks.onCheckpoint, resumeFrom: hooks.resumeFrom,
    });
    return new TextnetModel(classes, p, vectorizer, net, r.epochsRun, Math.max(0, r.bestEpoch - 1), length);
  }

  private probaOfRows(rows: Map<number, number>[]): Float64Array {
    const V = this.vectorizer.nFeatures, K = this.classes.length;
    const out = new Float64Array(rows.length * K);
    for (let b = 0; b < rows.length; b += 256) {
      const chunk = rows.slice(b, b + 256);
      const L = this.length;
      const x = L === null ? tf.tensor2d(bagRows(chunk, V), [chunk.length, V]) : tf.tensor2d(idRows(chunk, L), [chunk.length, L]);
      const values = tf.tidy(() => tf.softmax(this.net.predict(x) as tf.Tensor).dataSync());
      x.dispose();
      out.set(values, b * K);
    }
    return out;
  }

  predictProba(texts: string[]): Float64Array {
    return this.probaOfRows(texts.map((t) => this.vectorizer.transformOne(t).row));
  }

  predict(texts: string[]): string[] {
    return argmaxRows(this.predictProba(texts), this.classes.length, this.classes);
  }

  /** Occlusion: each token's contribution is how much the class probability drops when it is left out. */
  explain(text: string, label?: string): TextExplanation {
    const { row, analysis } = this.vectorizer.transformOne(text);
    const variants = [row, ...analysis.tokens.map((_, i) => this.rowWithout(analysis, i))];
    const P = this.probaOfRows(variants);
    const K = this.classes.length;
    const full = P.subarray(0, K);
    const k = label === undefined ? full.indexOf(Math.max(...full)) : this.classes.indexOf(label);
    if (k < 0) throw new Error(`unknown label: ${label}`);
    const tokens = analysis.tokens.map((t, i) => ({ token: t.text, start: t.start, end: t.end, contribution: full[k] - P[(i + 1) * K + k] }));
    return { label: this.classes[k], probability: full[k], method: 'occlusion', intercept: 0, tokens, features: [] };
  }

  private rowWithout(a: Analysis, token: number): Map<number, number> {
    const row = new Map<number, number>();
    a.words.forEach((term, i) => {
      if (a.wordSources[i].includes(token)) return;
      const j = this.vectorizer.column('word', term);
      if (j !== undefined) row.set(j, (row.get(j) ?? 0) + 1);
    });
    return row;
  }

  /** Releases the network's tensors. */
  dispose(): void {
    this.net.dispose();
  }

  toJSON(): TextModelJSON {
    const weights = this.net.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) }));
    const state: TextnetState = { tfidf: this.vectorizer.toJSON(), weights, epochs: this.epochs, bestEpoch: this.bestEpoch, ...(this.length === null ? {} : { length: this.length }) };
    return { format: 'lathe-text-model', version: 1, family: 'textnet', classes: this.classes, params: { ...this.params }, state };
  }

  static async fromJSON(j: TextModelJSON): Promise<TextnetModel> {
    if (j.format !== 'lathe-text-model' || j.family !== 'textnet') throw new Error('not a Lathe textnet model');
    const s = j.state as TextnetState;
    const p = j.params as unknown as TextnetParams;
    await selectBackend(p.backends ?? undefined);
    const vectorizer = TfidfVectorizer.fromJSON(s.tfidf);
    const V = vectorizer.nFeatures, K = j.classes.length;
    const net = s.length === undefined
      ? buildCountsNetwork(V, K, p)
      : buildSpecNetwork(textnetNetwork({ vocabulary: V + 1, length: s.length, embeddingDim: p.embeddingDim, hidden: p.hidden, dropout: p.dropout, classes: K }), { seed: p.seed });
    const tensors = s.weights.map((w) => tf.tensor(w.values, w.shape));
    net.setWeights(tensors);
    tf.dispose(tensors);
    return new TextnetModel(j.classes, p, vectorizer, net, s.epochs, s.bestEpoch, s.length ?? null);
  }
}
