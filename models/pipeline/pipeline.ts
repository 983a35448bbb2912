/**
 * Feature pipeline: turns a Frame into a dense row-major Float32Array.
 * All statistics (medians, means, categories, vocabularies) are fitted on the
 * training rows only and stored as plain JSON in the model artifact.
 *
 * Dense mode (linear, mlp): median/mode imputation, optional missing
 * indicators, standardisation, one-hot or ordinal categoricals.
 * Tree mode (gbdt, forest): numeric values pass through with NaN kept as
 * missing, categoricals become ordinal codes (NaN when missing) and are
 * flagged so the trees can use set-based categorical splits.
 */
import { Frame, getColumn, isNumericType, numericValues, stringValues } from '../frame/frame';
import { categoryCounts, meanStd, medianOf } from './stats';
import { DEFAULT_DATE_PARTS, DatePart, datePart } from './dateParts';
import { fitTfidf, writeTfidf, TfidfState } from './tfidf';

export interface PipelineOptions {
  treeMode: boolean;
  standardize: boolean;
  missingIndicators: boolean;
  categorical: 'onehot' | 'ordinal';
  /** Most frequent categories kept per column; the rest share the `__other__` slot. */
  maxCategories: number;
  /** Categories seen fewer times than this in train also go to `__other__`. */
  minCategoryCount: number;
  dateParts: DatePart[];
  textMaxFeatures: number;
  textMinDf: number;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  treeMode: false,
  standardize: true,
  missingIndicators: false,
  categorical: 'onehot',
  maxCategories: 50,
  minCategoryCount: 1,
  dateParts: DEFAULT_DATE_PARTS,
  textMaxFeatures: 200,
  textMinDf: 2,
};

export const OTHER = '__other__';

interface NumericStep { kind: 'numeric'; column: string; fill: number; mean: number; scale: number; indicator: boolean }
interface DateStep { kind: 'date'; column: string; parts: DatePart[]; fill: number[]; mean: number[]; scale: number[]; indicator: boolean }
interface CategoricalStep { kind: 'categorical'; column: string; categories: string[]; hasOther: boolean; mode: number; indicator: boolean }
interface TextStep { kind: 'text'; column: string; tfidf: TfidfState }
export type PipelineStep = NumericStep | DateStep | CategoricalStep | TextStep;

export interface PipelineJSON {
  version: 1;
  options: PipelineOptions;
  steps: PipelineStep[];
}

export interface FeatureMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export class Pipeline {
  readonly featureNames: string[];
  /** Per output feature: number of categories when it holds ordinal codes in tree mode, else 0. */
  readonly categoryCounts: number[];
  /** Per output feature: the input column it is derived from (one-hot levels, date parts and terms share theirs). */
  readonly featureSources: string[];

  constructor(readonly options: PipelineOptions, readonly steps: PipelineStep[]) {
    const names: string[] = [];
    const cats: number[] = [];
    const sources: string[] = [];
    let column = '';
    const push = (name: string, nCat = 0) => { names.push(name); cats.push(nCat); sources.push(column); };
    for (const s of steps) {
      column = s.column;
      switch (s.kind) {
        case 'numeric':
          push(s.column);
          if (s.indicator) push(`${s.column}__missing`);
          break;
        case 'date':
          for (const p of s.parts) push(`${s.column}.${p}`);
          if (s.indicator) push(`${s.column}__missing`);
          break;
        case 'categorical': {
          const levels = s.hasOther ? [...s.categories, OTHER] : s.categories;
          if (options.treeMode) push(s.column, levels.length);
          else if (options.categorical === 'ordinal') push(s.column);
          else for (const c of levels) push(`${s.column}=${c}`);
          if (s.indicator) push(`${s.column}__missing`);
          break;
        }
        case 'text':
          for (const t of s.tfidf.vocabulary) push(`${s.column}:${t}`);
          break;
      }
    }
    this.featureNames = names;
    this.categoryCounts = cats;
    this.featureSources = sources;
  }

  get featureCount(): number {
    return this.featureNames.length;
  }

  transform(frame: Frame): FeatureMatrix {
    const rows = frame.rowCount;
    const cols = this.featureNames.length;
    const data = new Float32Array(rows * cols);
    const tree = this.options.treeMode;
    let off = 0;
    for (const s of this.steps) {
      const col = getColumn(frame, s.column);
      if (s.kind === 'numeric' || s.kind === 'date') {
        const raw = numericValues(col);
        const parts = s.kind === 'date' ? s.parts : [null];
        for (let p = 0; p < parts.length; p++) {
          const part = parts[p];
          const fill = s.kind === 'date' ? s.fill[p] : s.fill;
          const mean = s.kind === 'date' ? s.mean[p] : s.mean;
          const scale = s.kind === 'date' ? s.scale[p] : s.scale;
          for (let r = 0; r < rows; r++) {
            let v = part ? datePart(raw[r], part) : raw[r];
            if (!tree) v = ((Number.isNaN(v) ? fill : v) - mean) / scale;
            data[r * cols + off] = v;
          }
          off++;
        }
        if (s.indicator) {
          for (let r = 0; r < rows; r++) data[r * cols + off] = Number.isNaN(raw[r]) ? 1 : 0;
          off++;
        }
      } else if (s.kind === 'categorical') {
        const raw = stringValues(col);
        const index = new Map<string, number>();
        s.categories.forEach((c, i) => index.set(c, i));
        const other = s.hasOther ? s.categories.length : -1;
        const oneHot = !tree && this.options.categorical === 'onehot';
        const width = oneHot ? s.categories.length + (s.hasOther ? 1 : 0) : 1;
        for (let r = 0; r < rows; r++) {
          const v = raw[r];
          // Unseen values map to the shared other slot; without one they count as missing.
          let code = v === null ? -1 : index.get(v) ?? other;
          if (code < 0 && !tree) code = s.mode;
          if (oneHot) {
            if (code >= 0) data[r * cols + off + code] = 1;
          } else data[r * cols + off] = code < 0 ? NaN : code;
        }
        off += width;
        if (s.indicator) {
          for (let r = 0; r < rows; r++) data[r * cols + off] = raw[r] === null ? 1 : 0;
          off++;
        }
      } else {
        writeTfidf(stringValues(col), s.tfidf, data, cols, off);
        off += s.tfidf.vocabulary.length;
      }
    }
    return { data, rows, cols };
  }

  toJSON(): PipelineJSON {
    return { version: 1, options: this.options, steps: this.steps };
  }

  static fromJSON(json: PipelineJSON): Pipeline {
    if (json.version !== 1) throw new Error(`unsupported pipeline version ${json.version}`);
    return new Pipeline(json.options, json.steps);
  }
}

function hasMissing(values: ArrayLike<number | string | null>, rows: ArrayLike<number>): boolean {
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) return true;
  }
  return false;
}

function numericStats(values: Float64Array, rows: ArrayLike<number>, standardize: boolean) {
  const sub = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) sub[i] = values[rows[i]];
  const fill = medianOf(values, rows);
  const { mean, std } = meanStd(sub);
  return {
    fill: Number.isNaN(fill) ? 0 : fill,
    mean: standardize ? mean : 0,
    scale: standardize && std > 0 ? std : 1,
  };
}

/** Fits the pipeline on `trainRows` of `frame` for the given feature columns. */
export function fitPipeline(
  frame: Frame,
  trainRows: ArrayLike<number>,
  features: string[],
  options: Partial<PipelineOptions> = {},
): Pipeline {
  const opts: PipelineOptions = { ...DEFAULT_PIPELINE_OPTIONS, ...options };
  const standardize = opts.standardize && !opts.treeMode;
  const wantIndicator = (has: boolean) => opts.missingIndicators && !opts.treeMode && has;
  const steps: PipelineStep[] = [];
  for (const name of features) {
    const col = getColumn(frame, name);
    if (col.type === 'date') {
      const raw = numericValues(col);
      const parts = opts.dateParts;
      const stats = parts.map((p) => {
        const vals = new Float64Array(frame.rowCount);
        for (let i = 0; i < trainRows.length; i++) vals[trainRows[i]] = datePart(raw[trainRows[i]], p);
        return numericStats(vals, trainRows, standardize);
      });
      steps.push({
        kind: 'date', column: name, parts,
        fill: stats.map((s) => s.fill), mean: stats.map((s) => s.mean), scale: stats.map((s) => s.scale),
        indicator: wantIndicator(hasMissing(raw, trainRows)),
      });
    } else if (isNumericType(col.type)) {
      const raw = numericValues(col);
      steps.push({
        kind: 'numeric', column: name, ...numericStats(raw, trainRows, standardize),
        indicator: wantIndicator(hasMissing(raw, trainRows)),
      });
    } else if (col.type === 'categorical') {
      const raw = stringValues(col);
      const counts = categoryCounts(raw, trainRows);
      const kept = counts.filter(([, c]) => c >= opts.minCategoryCount).slice(0, opts.maxCategories);
      steps.push({
        kind: 'categorical', column: name, categories: kept.map(([v]) => v),
        // The other slot exists in dense one-hot mode always (unseen values at predict time),
        // otherwise only when training had rare categories folded into it.
        hasOther: kept.length < counts.length || (!opts.treeMode && opts.categorical === 'onehot'),
        mode: 0,
        indicator: wantIndicator(hasMissing(raw, trainRows)),
      });
    } else {
      steps.push({
        kind: 'text', column: name,
        tfidf: fitTfidf(stringValues(col), trainRows, { maxFeatures: opts.textMaxFeatures, minDf: opts.textMinDf }),
      });
    }
  }
  return new Pipeline(opts, steps);
}
