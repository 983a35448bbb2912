import type { MonitorOptions, Severity } from '../monitor';

/** Effect sizes of one feature; those that do not apply to its kind are null. */
export interface DriftEffectDto {
  /** Population stability index over the reference's quantile bins (numbers). */
  psi: number | null;
  /** Wasserstein-1 distance divided by the reference's standard deviation (numbers). */
  wasserstein: number | null;
  /** Jensen–Shannon distance, base 2 (numbers: over the PSI bins; categories: over the category shares). */
  js: number | null;
  /** Share of current rows in categories the reference never had (categories). */
  newCategoryShare: number | null;
}

/** Data-quality checks of one feature. */
export interface DriftQualityDto {
  missingReference: number;
  missingCurrent: number;
  /** Current − reference missing share. */
  missingJump: number;
  /** Share of current values outside the reference's [min, max] (numbers; null for categories). */
  outOfRangeShare: number | null;
  /** Categories only the current window has, most frequent first (at most 10). */
  newCategories: string[];
  /** Which checks failed: 'missing', 'range', 'newCategories'. */
  flags: string[];
}

/**
 * Both sides' shares of their non-missing values over the same bins, for overlaid charts: equal-width
 * bins between `edges` (numbers; dates as epoch ms), or the most common categories then '(other)'.
 */
export type DriftDistributionDto =
  | { kind: 'numeric'; edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categorical'; categories: string[]; reference: number[]; current: number[] };

export interface DriftFeatureDto {
  name: string;
  kind: 'numeric' | 'categorical';
  /** 'ks': two-sample Kolmogorov–Smirnov; 'chi2': chi² homogeneity over categories (rare pooled, new counted). */
  test: 'ks' | 'chi2';
  statistic: number;
  pValue: number;
  /** Benjamini–Hochberg adjusted over the features of the report. */
  adjustedPValue: number;
  /** KS: 'exact' or 'asymptotic'; chi²: the degrees of freedom as 'dof=K'. */
  method: string;
  /** The adjusted test rejects and the effect size passes its threshold. */
  drifted: boolean;
  /** An effect size passed its threshold. */
  material: boolean;
  severity: Severity;
  effect: DriftEffectDto;
  quality: DriftQualityDto;
  /** Non-missing values compared on each side. */
  n: { reference: number; current: number };
  /** Both sides binned alike for a chart; absent in reports made before it was added. */
  distribution?: DriftDistributionDto;
}

export interface DriftSideDto {
  /** What was compared: a dataset's name, or NAME@VERSION (training rows of dataset D). */
  label: string;
  /** Rows of the side before sampling. */
  rows: number;
  /** Rows compared: all, or a seeded sample of maxRows. */
  compared: number;
  sampled: boolean;
}

export interface DriftReportDto {
  /** Any feature drifted. */
  drifted: boolean;
  driftedShare: number;
  /** Worst first (see SEVERITIES), then by effect relative to its threshold. */
  features: DriftFeatureDto[];
  /** Drift of the model's predictions on both sides, when a model was the reference. */
  prediction: DriftFeatureDto | null;
  reference: DriftSideDto;
  current: DriftSideDto;
  settings: MonitorOptions;
  notes: string[];
}
