import { z } from 'zod';
import { method } from '../define';
import { idSchema, refSchema } from '../ids';

/** One input of a model's what-if form, described from its training data. */
export interface ExplorerInputDto {
  column: string;
  kind: 'numeric' | 'boolean' | 'categorical' | 'date' | 'text';
  /** numeric and date (epoch ms): range and median over the training rows. */
  min: number | null;
  max: number | null;
  median: number | null;
  /** numeric: a slider step that suits the range (integers step by 1). */
  step: number | null;
  /** categorical and boolean: values seen in training, most frequent first (at most 200). */
  categories: string[] | null;
  /** The value the form starts with: the median, or the most frequent category. */
  default: string | number | null;
  /** Share of training rows where the value is missing. */
  missing: number;
}

/** Text families run in the text engine: 'occlusion' (textnet) and 'lexicon' explain their words only. */
export type ExplainMethod = 'treeshap' | 'linear' | 'sampling-shapley' | 'occlusion' | 'lexicon';
/** The scale contributions add up on: regression value, log-odds (binary), softmax logit, probability or the lexicon's score. */
export type ExplainSpace = 'value' | 'log-odds' | 'logit' | 'probability' | 'score';

export interface ExplorerSchemaDto {
  /** The reference as given (run id or NAME@VERSION / NAME@ALIAS). */
  model: string;
  runId: string;
  runName: string;
  modelName: string | null;
  version: string | null;
  family: string;
  task: 'regression' | 'binary' | 'multiclass';
  target: string;
  classes: string[] | null;
  inputs: ExplorerInputDto[];
  /** Regression with a calibrated interval. */
  interval: { coverage: number } | null;
  explainMethod: ExplainMethod;
  explainSpace: ExplainSpace;
  datasetName: string | null;
  /**
   * A text model (a text family, or any model whose single input is a text column): the column
   * typed into and how its words are explained. Absent or null for tabular models.
   */
  text?: { column: string; method: TextExplainMethod } | null;
}

export type ExplorerValue = string | number | boolean | null;

export interface ExplorerPredictionDto {
  /** Regression value (null for classifiers). */
  value: number | null;
  /** Predicted class (null for regression). */
  label: string | null;
  probabilities: Record<string, number> | null;
  lower: number | null;
  upper: number | null;
}

export interface ContributionDto {
  column: string;
  value: ExplorerValue;
  contribution: number;
}

export interface ExplanationDto {
  method: ExplainMethod;
  space: ExplainSpace;
  /** What is explained: the target (regression), the positive class (binary) or the predicted class. */
  output: string;
  /** Expected output over the training rows; base + sum of contributions = this row's output. */
  base: number;
  /** Largest |contribution| first. */
  contributions: ContributionDto[];
}

/**
 * How a text model's words are explained: 'coefficient' (weight × tf-idf value, linear and nbsvm),
 * 'occlusion' (the output without the word, taken from the output with it), 'lexicon' (the word's
 * share of the lexicon's compound score).
 */
export type TextExplainMethod = 'coefficient' | 'occlusion' | 'lexicon';

/** One word of a text input and its push on the explained output. */
export interface TextTokenDto {
  /** The token as the model saw it (lower-cased, NEG_-prefixed inside a negation scope). */
  token: string;
  /** UTF-16 offsets into the text as sent: text.slice(start, end) is the word as written. */
  start: number;
  end: number;
  contribution: number;
  /** Lexicon only: the word's valence after VADER's rules (-4..4). */
  valence: number | null;
}

export interface TextExplanationDto {
  column: string;
  method: TextExplainMethod;
  /**
   * 'log-odds' / 'logit': intercept + Σ contributions = the explained class's logit; 'probability' /
   * 'value': each contribution is the change occlusion measured; 'score': shares of the compound score.
   */
  space: 'log-odds' | 'logit' | 'probability' | 'value' | 'score';
  /** The class explained (or the target, for regression). */
  output: string;
  /** The explained output's value for this text (the logit, probability, value or compound score). */
  value: number;
  /** Coefficient explanations: the model's intercept for the explained class; otherwise null. */
  intercept: number | null;
  /** In text order. */
  tokens: TextTokenDto[];
}

export interface ExplorerPredictDto {
  predictions: ExplorerPredictionDto[];
  explanations: ExplanationDto[] | null;
  /** Text models with `explain`: one word-level explanation per row. Absent for tabular models. */
  textExplanations?: TextExplanationDto[] | null;
  /** Prediction time for the whole request, in microseconds. */
  latencyUs: number;
  /** onnxruntime, or the in-app model where the graph cannot express the pipeline (text columns). */
  engine: 'onnxruntime' | 'lathe';
}

export interface PdpDto {
  column: string;
  kind: ExplorerInputDto['kind'];
  /** Feature values the curve is drawn at (numbers for numeric and date, strings for categories). */
  grid: (number | string)[];
  /** Mean prediction over the background rows at each grid value: the target, or one series per class. */
  series: { name: string; values: number[] }[];
  backgroundRows: number;
  /**
   * Individual conditional expectation: the predictions of a seeded sample of the background
   * rows, one curve per row and series (curves[j][g] at grid[g]); their mean over all the
   * background rows is the partial dependence. Null when none were asked for.
   */
  ice: { rows: number; series: { name: string; curves: number[][] }[] } | null;
}

/** One row of the model's dataset, as the what-if form takes it. */
export interface ExplorerRowDto {
  /** 1-based position in the dataset, in file order. */
  row: number;
  /** Every input: numbers, dates as epoch ms, categories and text as strings ('true'/'false' for booleans), null when missing. */
  values: Record<string, ExplorerValue>;
  /** The target's value in this row (a class label as text for classifiers); null when missing. */
  actual: string | number | null;
}

export interface ExplorerRowsDto {
  /** Rows in the dataset, or rows matching the search. */
  total: number;
  offset: number;
  rows: ExplorerRowDto[];
  search: string | null;
}

/**
 * The run's stored held-out predictions of a binary model, binned by each class's probability so
 * any threshold on a 1/bins grid gives exact confusion counts: a row is predicted as class k when
 * P(k) ≥ threshold; bin b holds rows with b/bins ≤ P(k) < (b + 1)/bins, the last bin P(k) = 1.
 */
export interface ThresholdCountsDto {
  classes: [string, string];
  /** Held-out rows with a known class. */
  rows: number;
  bins: number;
  /** Per class k (classes order): rows of class k (`positives`) and of the other class (`negatives`), per bin of P(k). */
  byClass: { positives: number[]; negatives: number[] }[];
  /** Where the predictions come from: the split's test rows or k-fold's out-of-fold predictions. */
  source: 'test' | 'out-of-fold';
}

export interface OnnxTensorInfoDto {
  name: string;
  /** Element type as onnxruntime names it: float32, float64, int64, string, bool, … (non-tensor for maps and sequences). */
  type: string;
  /** Dimensions; null where symbolic (e.g. the batch size). */
  dims: (number | null)[];
}

export interface OnnxFileDto {
  /** Handle for explorer.runOnnx while the host runs. */
  id: string;
  fileName: string;
  sizeBytes: number;
  producer: string | null;
  inputs: OnnxTensorInfoDto[];
  outputs: OnnxTensorInfoDto[];
}

export interface OnnxOutputDto {
  name: string;
  type: string;
  dims: number[];
  /** Flattened values (at most 10,000; `truncated` says when more were produced). */
  values: (number | string | boolean)[];
  truncated: boolean;
}

export interface PredictionFileDto {
  fileName: string;
  rows: number;
  /** The CSV text, for a download from the renderer. */
  text: string;
}

/** A run id (or short id), NAME@VERSION or NAME@ALIAS. */
const modelRef = refSchema;
const value = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);

export const explorerMethods = {
  /** The what-if form of a model: its inputs with training ranges and categories. */
  'explorer.schema': method<ExplorerSchemaDto>()(z.object({ model: modelRef }).strict()),
  /** Predicts rows in onnxruntime (in a worker); with `explain`, per-column contributions too. */
  'explorer.predict': method<ExplorerPredictDto>()(
    z
      .object({
        model: modelRef,
        rows: z.array(z.record(z.string(), value)).min(1).max(1000),
        explain: z.boolean().default(false),
        /** Multiclass: the class to explain (default: the predicted class). */
        explainClass: z.string().optional(),
      })
      .strict(),
  ),
  /** Partial dependence of the prediction on one column, over a sample of training rows. */
  'explorer.pdp': method<PdpDto>()(
    z
      .object({
        model: modelRef,
        column: z.string().min(1),
        points: z.number().int().min(2).max(100).default(24),
        /** Background rows whose ICE curves come with it (a seeded sample). */
        ice: z.number().int().min(0).max(200).default(50),
      })
      .strict(),
  ),
  /** A page of the model's dataset rows for the what-if form, optionally only rows with a value containing `search`. */
  'explorer.rows': method<ExplorerRowsDto>()(
    z
      .object({
        model: modelRef,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100).default(20),
        search: z.string().max(200).optional(),
      })
      .strict(),
  ),
  /** Binary models: the held-out predictions binned by probability, for a live decision threshold. */
  'explorer.thresholds': method<ThresholdCountsDto>()(z.object({ model: modelRef }).strict()),
  /** Opens an external .onnx file and describes the inputs and outputs of its graph. */
  'explorer.openOnnx': method<OnnxFileDto>()(z.object({ path: z.string().min(1) }).strict()),
  /** Runs an opened .onnx file; each input is a flat array shaped by its dims (batch dims from `rows`). */
  'explorer.runOnnx': method<{ outputs: OnnxOutputDto[]; latencyUs: number }>()(
    z
      .object({
        id: idSchema,
        rows: z.number().int().min(1).max(100_000).default(1),
        inputs: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.boolean()])).max(10_000_000)),
      })
      .strict(),
  ),
  /**
   * Text models: predicts every row of a CSV that has the model's text column, in the explorer's
   * worker, and answers the CSV with the prediction columns added (as models.predict writes them).
   */
  'explorer.predictTexts': method<PredictionFileDto>()(z.object({ model: modelRef, input: z.string().min(1) }).strict()),
  /** The CSV written by a finished models.predict job, for download. */
  'explorer.predictionFile': method<PredictionFileDto>()(z.object({ jobId: idSchema }).strict()),
};
