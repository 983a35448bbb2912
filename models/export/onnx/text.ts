/**
 * A linear or nbsvm text run as one ONNX graph: ai.onnx TfIdfVectorizer counts the word n-grams of the
 * `words` input and the char_wb n-grams of the `chars` input (textTokens.ts makes both), then the
 * vectorizer's weighting (binary or sublinear tf, idf, l2 per block), the linear model and its sigmoid /
 * softmax (nbsvm: one-vs-rest sigmoids, normalised). Outputs as tabular graphs: label, class_label, probabilities.
 * Counts are exact in float32; everything after them runs in double.
 */
import { TfidfVectorizer, type TfidfJSON, type VocabularyBlock } from '../../text/vectorize';
import type { TextModelJSON } from '../../text/types';
import type { TextModelArtifact } from '../../train/types';
import { attr, GraphBuilder, ML } from './proto';
import { OnnxExportError } from './preprocess';
import type { OnnxOutput } from './export';
import type { TextGraphSpec } from './textTokens';

const DOUBLE = 11;
const FLOAT = 1;

export interface TextOnnxExport {
  bytes: Uint8Array;
  /** What the tokenizer module needs to build the feeds (textFeeds). */
  spec: TextGraphSpec;
  inputs: { name: 'words' | 'chars'; meaning: string }[];
  outputs: OnnxOutput[];
}

interface LinearState { tfidf: TfidfJSON; outputs: number; nFeatures: number; weights: number[]; intercept: number[] }
interface NbsvmState { tfidf: TfidfJSON; models: { ratios: number[]; weights: number[]; intercept: number }[] }

/** The n-grams of a block grouped by length, as the op's pool wants them. */
function pool(block: VocabularyBlock, split: (term: string) => string[], minN: number, maxN: number) {
  const byLength: { items: string[]; column: number }[][] = Array.from({ length: maxN + 1 }, () => []);
  block.terms.forEach((term, column) => {
    const items = split(term);
    if (items.length < minN || items.length > maxN) throw new OnnxExportError(`the n-gram '${term}' is outside ${minN}..${maxN}`);
    byLength[items.length].push({ items, column });
  });
  const strings: string[] = [], counts: number[] = [], indexes: number[] = [];
  for (let n = 1; n <= maxN; n++) {
    counts.push(strings.length);
    for (const g of byLength[n]) {
      strings.push(...g.items);
      indexes.push(g.column);
    }
  }
  return { strings, counts, indexes };
}

/** One block's weighted features [N, terms] in double, as fillBlock computes them. */
function block(g: GraphBuilder, input: string, b: VocabularyBlock, cfg: TfidfJSON['config'], kind: 'word' | 'char'): string {
  const range = kind === 'word' ? cfg.word! : cfg.char!;
  const p = pool(b, kind === 'word' ? (t) => t.split(' ') : (t) => [...t], range.min, range.max);
  const counts = g.op('TfIdfVectorizer', [input], {
    mode: attr.string('TF'), min_gram_length: attr.int(range.min), max_gram_length: attr.int(range.max), max_skip_count: attr.int(0),
    ngram_counts: attr.ints(p.counts), ngram_indexes: attr.ints(p.indexes), pool_strings: attr.strings(p.strings),
  });
  // The op's output has max(ngram_indexes) + 1 columns: every term of the block is in the pool, so exactly terms.length.
  const c = g.op('Cast', [counts], { to: attr.int(DOUBLE) });
  const present = g.op('Greater', [c, g.scalar('double', 0)]);
  let tf: string;
  if (cfg.binary) tf = g.op('Cast', [present], { to: attr.int(DOUBLE) });
  else if (cfg.sublinearTf) tf = g.op('Where', [present, g.op('Add', [g.scalar('double', 1), g.op('Log', [c])]), g.scalar('double', 0)]);
  else tf = c;
  let v = cfg.useIdf ? g.op('Mul', [tf, g.constant('double', [1, b.idf.length], b.idf, 'idf')]) : tf;
  if (cfg.norm === 'l2') {
    const norm = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [v, v]), g.constant('int64', [1], [1], 'axis1')], { keepdims: attr.int(1) })]);
    v = g.op('Div', [v, g.op('Max', [norm, g.scalar('double', 1e-300)])]);
  }
  return v;
}

/** Column-major slice of a row-major outputs × features matrix, for MatMul: [features, outputs]. */
function weightMatrix(rows: number[][], from: number, to: number): number[] {
  const out: number[] = [];
  for (let j = from; j < to; j++) for (const r of rows) out.push(r[j]);
  return out;
}

export function exportTextOnnx(artifact: TextModelArtifact): TextOnnxExport {
  const m = artifact.model as TextModelJSON;
  if (m.format !== 'lathe-text-model' || (m.family !== 'linear' && m.family !== 'nbsvm')) {
    throw new OnnxExportError(`${artifact.family} text models do not export to ONNX${artifact.family === 'textnet' ? ': export textnet as tfjs' : ' (the lexicon and its rules are not a graph)'}`);
  }
  if ((m.params as { lexiconFeature?: boolean }).lexiconFeature) throw new OnnxExportError('a model with the lexicon feature does not export to ONNX: the lexicon and its rules are not a graph');
  const state = m.state as LinearState | NbsvmState;
  const v = TfidfVectorizer.fromJSON(state.tfidf);
  const cfg = v.config;
  if (cfg.tokenizer === 'sklearn') throw new OnnxExportError("a model with scikit-learn's tokenizer does not export to ONNX");
  const g = new GraphBuilder();
  const nWords = v.word?.terms.length ?? 0, nChars = v.char?.terms.length ?? 0;
  // Each output's weights over [word terms, char terms] and intercept; nbsvm's input is x̂ ∘ r, folded into w ∘ r.
  let rows: number[][], intercepts: number[];
  if (m.family === 'linear') {
    const s = state as LinearState;
    rows = Array.from({ length: s.outputs }, (_, k) => s.weights.slice(k * s.nFeatures, (k + 1) * s.nFeatures));
    intercepts = s.intercept;
  } else {
    const s = state as NbsvmState;
    rows = s.models.map((o) => o.weights.map((w, j) => w * o.ratios[j]));
    intercepts = s.models.map((o) => o.intercept);
  }
  const outputs = rows.length;
  let logits = g.constant('double', [1, outputs], intercepts, 'intercept');
  const inputs: TextOnnxExport['inputs'] = [];
  if (v.word && nWords > 0) {
    g.input('words', 'string', ['N', 'L']);
    inputs.push({ name: 'words', meaning: 'word tokens of each text from tokenizer.mjs, string [N, L], rows padded' });
    const x = block(g, 'words', v.word, cfg, 'word');
    logits = g.op('Add', [logits, g.op('MatMul', [x, g.constant('double', [nWords, outputs], weightMatrix(rows, 0, nWords), 'w_words')])]);
  }
  if (v.char && nChars > 0) {
    g.input('chars', 'string', ['N', 'C']);
    inputs.push({ name: 'chars', meaning: 'characters of the word-bounded character n-grams from tokenizer.mjs, string [N, C], rows padded' });
    const x = block(g, 'chars', v.char, cfg, 'char');
    logits = g.op('Add', [logits, g.op('MatMul', [x, g.constant('double', [nChars, outputs], weightMatrix(rows, nWords, nWords + nChars), 'w_chars')])]);
  }
  if (inputs.length === 0) throw new OnnxExportError('the text model has no terms');
  // Probabilities over the classifier's sorted labels, then reordered to the run's classes.
  let probs: string;
  if (outputs === 1) {
    const p1 = g.op('Sigmoid', [logits]);
    probs = g.op('Concat', [g.op('Sub', [g.scalar('double', 1), p1]), p1], { axis: attr.int(1) });
  } else if (m.family === 'linear') probs = g.op('Softmax', [logits], { axis: attr.int(1) });
  else {
    const s = g.op('Sigmoid', [logits]);
    probs = g.op('Div', [s, g.op('ReduceSum', [s, g.constant('int64', [1], [1], 'axis1')], { keepdims: attr.int(1) })]);
  }
  const perm = artifact.classes.map((c) => m.classes.indexOf(String(c)));
  if (perm.some((j) => j < 0) || perm.length !== m.classes.length) throw new OnnxExportError("the text model's classes are not the run's");
  if (perm.some((j, k) => j !== k)) probs = g.op('Gather', [probs, g.constant('int64', [perm.length], perm, 'perm')], { axis: attr.int(1) });
  for (const name of ['label', 'class_label', 'probabilities']) g.reserve(name);
  g.op('ArgMax', [probs], { axis: attr.int(1), keepdims: attr.int(0), select_last_index: attr.int(0) }, { out: 'label' });
  g.op('Cast', [probs], { to: attr.int(FLOAT) }, { out: 'probabilities' });
  g.op('LabelEncoder', ['label'], {
    keys_int64s: attr.ints(artifact.classes.map((_, i) => i)), values_strings: attr.strings(artifact.classes.map(String)), default_string: attr.string(''),
  }, { domain: ML, out: 'class_label' });
  const K = artifact.classes.length;
  g.output('label', 'int64', ['N']);
  g.output('class_label', 'string', ['N']);
  g.output('probabilities', 'float', ['N', K]);
  const spec: TextGraphSpec = { tokenizer: cfg.tokenizer, words: inputs.some((i) => i.name === 'words'), chars: inputs.some((i) => i.name === 'chars') };
  const doc = JSON.stringify({ family: artifact.family, task: artifact.task, target: artifact.target, classes: artifact.classes, textColumn: artifact.textColumn, tokens: spec });
  return {
    bytes: g.encode(`lathe_${artifact.family}_text_${artifact.task}`, doc),
    spec,
    inputs,
    outputs: [
      { name: 'label', meaning: `predicted class index into [${artifact.classes.map((c) => JSON.stringify(c)).join(', ')}], int64 [N]` },
      { name: 'class_label', meaning: `predicted ${artifact.target} class as a string, [N]` },
      { name: 'probabilities', meaning: `class probabilities in class index order, float [N, ${K}]` },
    ],
  };
}
