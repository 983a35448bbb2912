/** Public shapes of per-row explanations and partial dependence. */

export type ExplainMethod = 'treeshap' | 'linear' | 'sampling-shapley';
export type ExplainSpace = 'value' | 'log-odds' | 'logit' | 'probability';

export interface Explanation {
  method: ExplainMethod;
  space: ExplainSpace;
  /** Input columns = artifact.features order (NOT encoded features: one-hot / date-part / tf-idf features are summed back to their source column). */
  columns: string[];
  /** K = 1 for regression and binary (binary explains the positive class = classes[1]); K = number of classes for multiclass. */
  outputs: number;
  /** base[k] = expected model output (in `space`) over the background/training distribution. */
  base: Float64Array;
  /** values[(r * K + k) * C + c]: contribution of column c to output k of row r; C = columns.length */
  values: Float64Array;
  rows: number;
}

export interface PartialDependence {
  column: string;
  grid: (number | string)[];
  outputs: number;
  /** grid.length * K mean predictions: regression value, or class probabilities (K = classes) */
  values: Float64Array;
  /**
   * ICE curves of a sample of the background rows (when asked for): `rows` are their indices in
   * the background frame (ascending), values[(j * grid.length + g) * K + k] row j's prediction
   * with the column set to grid[g]. Over all rows, their mean at each g is `values`.
   */
  ice?: { rows: number[]; values: Float64Array };
}
