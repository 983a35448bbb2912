/**
 * `linear`: logistic regression (binary or multinomial) on word 1–2-gram and char_wb 2–5-gram tf-idf,
 * C chosen by inner cross-validation unless given; optionally the lexicon score as one more feature.
 */
import { lexiconSentiment } from './lexicon';
import { decision, fitLogistic, probabilities, tuneC, type LogisticWeights } from './sparseLogistic';
import { csrFromRows, hstack, type Csr } from './sparse';
import { explainLinearTerms } from './explainSparse';
import { argmaxRows, encodeLabels, type FeatureContribution, type TextClassifier, type TextExplanation, type TextFitHooks, type TextModelJSON } from './types';
import { DEFAULT_LINEAR_TEXT_PARAMS } from './familyParams';
import { TfidfVectorizer, type TfidfConfig, type TfidfJSON } from './vectorize';

export interface LinearTextParams {
  tfidf: Partial<TfidfConfig>;
  /** Inverse regularisation strength; null: chosen from cGrid by inner cross-validation. */
  C: number | null;
  cGrid: number[];
  innerFolds: number;
  /** Add the lexicon's compound score as a feature. */
  lexiconFeature: boolean;
  maxIter: number;
  seed: number;
}

export { DEFAULT_LINEAR_TEXT_PARAMS } from './familyParams';

interface LinearTextState {
  tfidf: TfidfJSON;
  outputs: number;
  nFeatures: number;
  weights: number[];
  intercept: number[];
  /** The C used, and the inner-CV table when it was tuned. */
  C: number;
  tuning: { C: number; accuracy: number; logLoss: number }[] | null;
}

/** A one-column block holding each text's lexicon score. */
export function lexiconColumn(texts: string[]): Csr {
  return csrFromRows(texts.map((t) => {
    const s = lexiconSentiment(t).score;
    return new Map(s === 0 ? [] : [[0, s]]);
  }), 1);
}

/** Spreads a lexicon-feature contribution over the tokens whose words carried it (matched by offset). */
export function lexiconTokenShares(text: string, tokenStarts: number[], weight: number): { perToken: Map<number, number>; feature: FeatureContribution } {
  const lex = lexiconSentiment(text);
  const perToken = new Map<number, number>();
  for (const w of lex.words) {
    const k = tokenStarts.indexOf(w.start);
    if (k >= 0 && lex.score !== 0) perToken.set(k, (perToken.get(k) ?? 0) + (weight * w.contribution));
  }
  return { perToken, feature: { feature: 'lexicon score', kind: 'lexicon', value: lex.score, weight, contribution: weight * lex.score } };
}

export class LinearTextModel implements TextClassifier {
  readonly family = 'linear' as const;

  constructor(
    readonly classes: string[],
    readonly params: LinearTextParams,
    readonly vectorizer: TfidfVectorizer,
    readonly model: LogisticWeights,
    readonly C: number,
    readonly tuning: LinearTextState['tuning'],
  ) {}

  static async fit(texts: string[], labels: string[], params: Partial<LinearTextParams> = {}, hooks: TextFitHooks = {}): Promise<LinearTextModel> {
    const p: LinearTextParams = { ...DEFAULT_LINEAR_TEXT_PARAMS, ...params };
    const { classes, y } = encodeLabels(labels);
    const vectorizer = TfidfVectorizer.fit(texts, p.tfidf);
    let X = vectorizer.transform(texts);
    if (p.lexiconFeature) X = hstack(X, lexiconColumn(texts));
    let C = p.C, tuning: LinearTextState['tuning'] = null;
    if (C === null) {
      const t = tuneC(X, y, classes.length, {
        grid: p.cGrid, folds: p.innerFolds, seed: p.seed, maxIter: p.maxIter, shouldStop: hooks.shouldStop,
        onStep: (done, total) => hooks.onProgress?.(done, total + 1, 'tuning C'),
      });
      C = t.C;
      tuning = t.scores;
    }
    const model = fitLogistic(X, y, classes.length, {
      C, maxIter: p.maxIter, shouldStop: hooks.shouldStop,
      onIteration: (iter, loss) => hooks.onMetrics?.(iter, { loss }),
    });
    hooks.onProgress?.(1, 1, 'fitted');
    return new LinearTextModel(classes, p, vectorizer, model, C, tuning);
  }

  private features(texts: string[]): Csr {
    const X = this.vectorizer.transform(texts);
    return this.params.lexiconFeature ? hstack(X, lexiconColumn(texts)) : X;
  }

  predictProba(texts: string[]): Float64Array {
    return probabilities(this.model, this.features(texts));
  }

  predict(texts: string[]): string[] {
    return argmaxRows(this.predictProba(texts), this.classes.length, this.classes);
  }

  explain(text: string, label?: string): TextExplanation {
    const P = this.predictProba([text]);
    const k = label === undefined ? P.indexOf(Math.max(...P)) : this.classes.indexOf(label);
    if (k < 0) throw new Error(`unknown label: ${label}`);
    const { row, analysis } = this.vectorizer.transformOne(text);
    const m = this.model, p = m.nFeatures;
    // Binary models have one logit for class 1; class 0's is its negative.
    const sign = m.outputs === 1 && k === 0 ? -1 : 1;
    const out = m.outputs === 1 ? 0 : k;
    const weight = (j: number) => sign * m.weights[out * p + j];
    const lex = this.params.lexiconFeature
      ? lexiconTokenShares(text, analysis.tokens.map((t) => t.start), weight(p - 1))
      : null;
    const { tokens, features } = explainLinearTerms(this.vectorizer, {
      row, analysis, weight, extraTokens: lex?.perToken, extraFeatures: lex ? [lex.feature] : [],
    });
    return { label: this.classes[k], probability: P[k], method: 'logit', intercept: sign * m.intercept[out], tokens, features };
  }

  /** Logits for the texts (n × outputs), e.g. for exporting and parity checks. */
  decision(texts: string[]): Float64Array {
    return decision(this.model, this.features(texts));
  }

  toJSON(): TextModelJSON {
    const state: LinearTextState = {
      tfidf: this.vectorizer.toJSON(), outputs: this.model.outputs, nFeatures: this.model.nFeatures,
      weights: Array.from(this.model.weights), intercept: Array.from(this.model.intercept), C: this.C, tuning: this.tuning,
    };
    return { format: 'lathe-text-model', version: 1, family: 'linear', classes: this.classes, params: { ...this.params }, state };
  }

  static fromJSON(j: TextModelJSON): LinearTextModel {
    if (j.format !== 'lathe-text-model' || j.family !== 'linear') throw new Error('not a Lathe linear text model');
    const s = j.state as LinearTextState;
    const model: LogisticWeights = { outputs: s.outputs, nFeatures: s.nFeatures, weights: Float64Array.from(s.weights), intercept: Float64Array.from(s.intercept) };
    return new LinearTextModel(j.classes, j.params as unknown as LinearTextParams, TfidfVectorizer.fromJSON(s.tfidf), model, s.C, s.tuning);
  }
}
