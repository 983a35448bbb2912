/**
 * The lexicon as a classifier of a labelled target: each class must stand for a sentiment (negative,
 * positive, and neutral for three classes); a text's compound score becomes class probabilities. Nothing
 * is learned from the labels.
 */
import { lexiconSentiment, type SentimentLabel } from './lexicon';
export { sentimentsOfClasses, SENTIMENT_LABELS_EXPECTED } from '../../shared/families/text';

/** The settings a lexicon run stores as its model. */
export interface LexiconClassifierJSON {
  format: 'lathe-lexicon-model';
  version: 1;
  /** Per class of the run (same order): the sentiment it stands for. */
  sentiments: SentimentLabel[];
  neutralBand: number;
  sharpness: number;
}

/**
 * n × classes probabilities. Logits against neutral: positive = sharpness·(s − band), negative =
 * sharpness·(−s − band); two classes use the positive logit alone (positive from s ≥ band up, as the
 * lexicon's own labels).
 */
export function lexiconProbabilities(texts: string[], m: LexiconClassifierJSON): Float64Array {
  const K = m.sentiments.length;
  const out = new Float64Array(texts.length * K);
  texts.forEach((text, r) => {
    const s = lexiconSentiment(text, m.neutralBand).score;
    const zPos = m.sharpness * (s - m.neutralBand), zNeg = m.sharpness * (-s - m.neutralBand);
    if (K === 2) {
      const p = 1 / (1 + Math.exp(-zPos));
      m.sentiments.forEach((sent, k) => (out[r * K + k] = sent === 'positive' ? p : 1 - p));
      return;
    }
    const z = m.sentiments.map((sent) => (sent === 'positive' ? zPos : sent === 'negative' ? zNeg : 0));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, k) => (out[r * K + k] = v / sum));
  });
  return out;
}
