/**
 * `textnet`: a small network trained from scratch (no pretrained vectors): an embedding bag — the mean of
 * the embeddings of a text's word 1–2-grams, as fastText does — then a dense ReLU layer, dropout and
 * a softmax output (the network gives logits). Adam, seeded initialisation, shuffling and dropout; early stopping on a seeded validation
 * share, keeping the best epoch's weights. The bag is a bias-free dense layer applied to the text's
 * normalised term counts, which is exactly the mean of the term embeddings.
 */
import { selectBackend, tf, type BackendName } from '../mlp/backend';
import { mulberry32, shuffleInPlace, range } from '../split/prng';
import type { Analysis } from './analyze';
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
}

export { DEFAULT_TEXTNET_PARAMS } from './familyParams';

const COUNTS: Partial<TfidfConfig> = { useIdf: false, norm: 'none', sublinearTf: false, binary: false };

interface TextnetState { tfidf: TfidfJSON; weights: { shape: number[]; values: number[] }[]; epochs: number; bestEpoch: number }

function buildNetwork(nTerms: number, nClasses: number, p: TextnetParams): tf.Sequential {
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

export class TextnetModel implements TextClassifier {
  readonly family = 'textnet' as const;

  private constructor(
    readonly classes: string[],
    readonly params: TextnetParams,
    readonly vectorizer: TfidfVectorizer,
    private readonly net: tf.Sequential,
    readonly epochs: number,
    readonly bestEpoch: number,
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
    const net = buildNetwork(V, K, p);
    const optimizer = tf.train.adam(p.learningRate);
    const batchOf = (idx: number[]) => tf.tidy(() => ({
      x: tf.tensor2d(bagRows(idx.map((r) => rows[r]), V), [idx.length, V]),
      y: tf.oneHot(tf.tensor1d(idx.map((r) => y[r]), 'int32'), K).toFloat(),
    }));
    const val = nVal > 0 ? batchOf(valRows) : null;
    let best = { loss: Infinity, epoch: 0, weights: net.getWeights().map((w) => w.clone()) };
    let epoch = 0;
    for (; epoch < p.maxEpochs && !hooks.shouldStop?.(); epoch++) {
      const shuffled = shuffleInPlace(Uint32Array.from(trainRows), rand);
      let lossSum = 0;
      for (let b = 0; b < shuffled.length; b += p.batchSize) {
        const batch = batchOf(Array.from(shuffled.subarray(b, b + p.batchSize)));
        const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(batch.y, net.apply(batch.x, { training: true }) as tf.Tensor, undefined, undefined, tf.Reduction.MEAN), true);
        lossSum += (await loss!.data())[0] * batch.x.shape[0];
        tf.dispose([loss!, batch.x, batch.y]);
      }
      const metrics: Record<string, number> = { loss: lossSum / trainRows.length };
      if (val) {
        const [vl, va] = tf.tidy(() => {
          const logits = net.predict(val.x) as tf.Tensor;
          return [tf.losses.softmaxCrossEntropy(val.y, logits).dataSync()[0], tf.metrics.categoricalAccuracy(val.y, logits).mean().dataSync()[0]];
        });
        metrics.valLoss = vl;
        metrics.valAccuracy = va;
        if (vl < best.loss - 1e-6) {
          tf.dispose(best.weights);
          best = { loss: vl, epoch, weights: net.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= p.patience) {
          hooks.onMetrics?.(epoch, metrics);
          epoch++;
          break;
        }
      }
      hooks.onMetrics?.(epoch, metrics);
      hooks.onProgress?.(epoch + 1, p.maxEpochs, 'epochs');
    }
    if (val) {
      net.setWeights(best.weights);
      tf.dispose([val.x, val.y]);
    }
    tf.dispose(best.weights);
    optimizer.dispose();
    return new TextnetModel(classes, p, vectorizer, net, epoch, val ? best.epoch : epoch - 1);
  }

  private probaOfRows(rows: Map<number, number>[]): Float64Array {
    const V = this.vectorizer.nFeatures, K = this.classes.length;
    const out = new Float64Array(rows.length * K);
    for (let b = 0; b < rows.length; b += 256) {
      const chunk = rows.slice(b, b + 256);
      const values = tf.tidy(() => tf.softmax(this.net.predict(tf.tensor2d(bagRows(chunk, V), [chunk.length, V])) as tf.Tensor).dataSync());
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
    const state: TextnetState = { tfidf: this.vectorizer.toJSON(), weights, epochs: this.epochs, bestEpoch: this.bestEpoch };
    return { format: 'lathe-text-model', version: 1, family: 'textnet', classes: this.classes, params: { ...this.params }, state };
  }

  static async fromJSON(j: TextModelJSON): Promise<TextnetModel> {
    if (j.format !== 'lathe-text-model' || j.family !== 'textnet') throw new Error('not a Lathe textnet model');
    const s = j.state as TextnetState;
    const p = j.params as unknown as TextnetParams;
    await selectBackend(p.backends ?? undefined);
    const vectorizer = TfidfVectorizer.fromJSON(s.tfidf);
    const net = buildNetwork(vectorizer.nFeatures, j.classes.length, p);
    const tensors = s.weights.map((w) => tf.tensor(w.values, w.shape));
    net.setWeights(tensors);
    tf.dispose(tensors);
    return new TextnetModel(j.classes, p, vectorizer, net, s.epochs, s.bestEpoch);
  }
}
