import type { DriftDistributionDto } from '../../shared/api/monitor-dto';

/** One column of one side: numbers (NaN = missing; dates as epoch ms) or categories (null = missing). */
export type DriftColumn =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'categorical'; values: readonly (string | null)[] };

/** A feature's raw comparison, before the correction over features decides what drifted. */
export interface FeatureComparison {
  name: string;
  kind: 'numeric' | 'categorical';
  test: 'ks' | 'chi2';
  statistic: number;
  pValue: number;
  method: string;
  psi: number | null;
  wasserstein: number | null;
  js: number | null;
  newCategoryShare: number | null;
  missingReference: number;
  missingCurrent: number;
  outOfRangeShare: number | null;
  newCategories: string[];
  nReference: number;
  nCurrent: number;
  distribution: DriftDistributionDto;
}
