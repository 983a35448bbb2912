/** Predictions and word-level explanations of text models, for the explorer's text view and batch rows alike. */
import { performance } from 'node:perf_hooks';
import type { Frame } from '../../../models/frame/frame';
import { loadModel } from '../../../models/train/loadModel';
import { ApiError } from '../../../shared/api/errors';
import type { ExplorerPredictDto, ExplorerPredictionDto, TextExplanationDto, TextTokenDto } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';
import { rowsToFrame } from './rows';
import {
  classifierExplanation, classifierPredictions, isLexicon, lexiconExplanation, lexiconJson, lexiconPredictions, textClassifierJson, textClassifierOf, type TextView,
} from './text-model';

export async function predictTextRows(
  m: ExplorerModel, view: TextView, rows: Record<string, unknown>[], withExplain: boolean, explainClass?: string,
): Promise<ExplorerPredictDto> {
  const texts = textsOf(rowsToFrame(m, rows), view.column);
  const t0 = performance.now();
  const engine = await textEngine(m, view, explainClass);
  try {
    const predictions = engine.predict(texts);
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    const textExplanations = withExplain ? texts.map((t, r) => engine.explain(t, predictions[r])) : null;
    return { predictions, explanations: null, textExplanations, latencyUs, engine: 'lathe' };
  } finally {
    engine.release();
  }
}

interface TextEngine {
  predict(texts: string[]): ExplorerPredictionDto[];
  explain(text: string, prediction: ExplorerPredictionDto): TextExplanationDto;
  /** A pipeline model may hold an mlp's network: released once the request is answered (this worker lives long). */
  release(): void;
}

async function textEngine(m: ExplorerModel, view: TextView, explainClass?: string): Promise<TextEngine> {
  const keep = () => {};
  if (isLexicon(m.artifact)) {
    const band = lexiconJson(m.artifact)?.neutralBand;
    return { predict: (texts) => lexiconPredictions(m.artifact, texts), explain: (text) => lexiconExplanation(view.column, text, band), release: keep };
  }
  if (textClassifierJson(m.artifact)) {
    const c = await textClassifierOf(m.artifact);
    checkClass(explainClass, c.classes);
    return {
      predict: (texts) => classifierPredictions(c, m.artifact, texts),
      explain: (text) => classifierExplanation(c, view.column, text, explainClass),
      release: keep,
    };
  }
  checkClass(explainClass, m.artifact.classes?.map(String) ?? null);
  const scorer = pipelineScorer(m);
  return {
    predict: scorer,
    explain: (text, p) => occlusionExplanation(view.column, text, pipelineWords(text), scorer, m.artifact.target, explainClass ?? p.label),
    release: scorer.dispose,
  };
}

function textsOf(frame: Frame, column: string): string[] {
  const values = frame.columns.find((c) => c.name === column)?.values as (string | null)[] | undefined;
  return Array.from({ length: frame.rowCount }, (_, r) => values?.[r] ?? '');
}

function checkClass(explainClass: string | undefined, classes: string[] | null): void {
  if (explainClass === undefined || classes?.includes(explainClass)) return;
  throw new ApiError('bad_request', `explainClass: '${explainClass}' is not a class of this model${classes ? ` (${classes.join(', ')})` : ''}`, { field: 'explainClass' });
}

/** The words the tabular pipeline's tf-idf reads (letters and digits, two or more), as written. */
export function pipelineWords(text: string): Omit<TextTokenDto, 'contribution' | 'valence'>[] {
  return [...text.matchAll(/[\p{L}\p{N}]{2,}/gu)].map((w) => ({ token: w[0].toLowerCase(), start: w.index, end: w.index + w[0].length }));
}

type Scorer = ((texts: string[]) => ExplorerPredictionDto[]) & { dispose(): void };

/** The in-app model of a pipeline run with one text input, predicting texts. */
function pipelineScorer(m: ExplorerModel): Scorer {
  const model = loadModel(m.artifact);
  const classes = m.artifact.classes?.map(String) ?? null;
  const column = m.artifact.features[0];
  const score = (texts: string[]): ExplorerPredictionDto[] => {
    const p = model.predict({ columns: [{ name: column, type: 'text', values: texts }], rowCount: texts.length });
    return texts.map((_, i) => {
      if (!classes) return { value: p.values[i], label: null, probabilities: null, lower: p.lower?.[i] ?? null, upper: p.upper?.[i] ?? null };
      const K = classes.length;
      return { value: null, label: String(p.labels![i]), probabilities: Object.fromEntries(classes.map((c, k) => [c, p.probabilities![i * K + k]])), lower: null, upper: null };
    });
  };
  return Object.assign(score, { dispose: () => model.dispose() });
}

/**
 * Occlusion: each word's contribution is the explained output with it less the output with the
 * word blanked out (one batch of n + 1 predictions). Classes: the explained class's probability.
 */
export function occlusionExplanation(
  column: string, text: string, words: Omit<TextTokenDto, 'contribution' | 'valence'>[],
  score: (texts: string[]) => ExplorerPredictionDto[], target: string, explainClass: string | null,
): TextExplanationDto {
  const variants = [text, ...words.map((w) => text.slice(0, w.start) + ' '.repeat(w.end - w.start) + text.slice(w.end))];
  const outputs = score(variants).map((p) => (explainClass === null ? (p.value ?? NaN) : (p.probabilities?.[explainClass] ?? NaN)));
  const tokens = words.map((w, i) => ({ ...w, contribution: outputs[0] - outputs[i + 1], valence: null }));
  return {
    column, method: 'occlusion', space: explainClass === null ? 'value' : 'probability', output: explainClass ?? target, value: outputs[0], intercept: null, tokens,
  };
}
