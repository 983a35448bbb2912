/** What every trained text classifier offers the app, the CLI, the explorer and export. */
import type { TrainCheckpoint } from '../nn/train/checkpoint';

export type TextFamily = 'linear' | 'nbsvm' | 'textnet';

export interface TextFitHooks {
  /** Work done of total, with a short stage name ('tuning C', 'epochs', …). */
  onProgress?: (done: number, total: number, stage: string) => void;
  /** Per step metrics (e.g. textnet's epoch, loss and validation accuracy). */
  onMetrics?: (step: number, metrics: Record<string, number>) => void;
  /** Checked between steps; a stopped fit returns the model as far as it got. */
  shouldStop?: () => boolean;
  /** Networks (textnet): the training state after each epoch, to resume a stopped fit from. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Networks (textnet): continue from a checkpoint of a fit of the same texts, parameters and seed. */
  resumeFrom?: TrainCheckpoint;
}

export interface TokenContribution {
  /** The token as the model saw it (lower-cased, NEG_-prefixed inside a negation scope). */
  token: string;
  /** UTF-16 offsets of the token in the text as written. */
  start: number;
  end: number;
  /** Effect on the explained class's logit (linear, nbsvm) or probability (textnet, by occlusion). */
  contribution: number;
}

export interface FeatureContribution {
  feature: string;
  kind: 'word' | 'char' | 'lexicon';
  value: number;
  weight: number;
  contribution: number;
}

export interface TextExplanation {
  /** The class explained (the predicted one unless asked for another). */
  label: string;
  probability: number;
  /** 'logit': contributions add up to logit − intercept; 'occlusion': probability drop when the token is removed. */
  method: 'logit' | 'occlusion';
  intercept: number;
  tokens: TokenContribution[];
  /** The largest feature contributions by magnitude (linear and nbsvm). */
  features: FeatureContribution[];
}

export interface TextClassifier {
  readonly family: TextFamily;
  readonly classes: string[];
  /** Row-major n × classes.length (binary models too give both columns). */
  predictProba(texts: string[]): Float64Array;
  predict(texts: string[]): string[];
  explain(text: string, label?: string): TextExplanation;
  toJSON(): TextModelJSON;
}

export interface TextModelJSON {
  format: 'lathe-text-model';
  version: 1;
  family: TextFamily;
  classes: string[];
  params: Record<string, unknown>;
  state: unknown;
}

/** Sorted distinct labels and each text's class index. */
export function encodeLabels(labels: string[]): { classes: string[]; y: Int32Array } {
  const classes = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2) throw new Error('a classifier needs at least two distinct labels');
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, y: Int32Array.from(labels, (l) => index.get(l)!) };
}

export function argmaxRows(P: Float64Array, K: number, classes: string[]): string[] {
  const out: string[] = [];
  for (let r = 0; r < P.length / K; r++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (P[r * K + k] > P[r * K + best]) best = k;
    out.push(classes[best]);
  }
  return out;
}
