/**
 * A linear model's coefficients, with their signs, on the features it was fitted on: numeric columns and date parts
 * standardised (per standard deviation), one-hot levels and missing indicators as 0/1. Each row names the input
 * column it comes from, so a categorical's levels read together.
 */
import type { LinearModelJSON } from '../linear/linear';

/** Largest |coefficient| rows a report keeps (multinomial models have one row per feature per class). */
export const COEFFICIENT_ROWS = 300;

export interface Coefficient {
  /** The model's feature: a column, `column=level`, `column.part`, `column__missing` or `column:term`. */
  feature: string;
  /** The input column it comes from. */
  column: string;
  /** The class a positive coefficient pushes towards; null for regression. */
  class: string | null;
  coefficient: number;
}

export function linearCoefficients(
  model: LinearModelJSON, featureNames: string[], sources: string[], classes: (string | number)[] | null,
): Coefficient[] {
  const p = model.nFeatures;
  if (featureNames.length !== p || sources.length !== p) throw new Error(`expected ${p} feature names and sources`);
  // Logistic: one weight vector, towards the second class; multinomial: one per class.
  const classOf = (k: number): string | null =>
    !classes ? null : model.kind === 'logistic' ? String(classes[1]) : String(classes[k]);
  const rows: Coefficient[] = [];
  for (let k = 0; k < model.outputs; k++) {
    for (let j = 0; j < p; j++) {
      rows.push({ feature: featureNames[j], column: sources[j], class: classOf(k), coefficient: model.weights[k * p + j] });
    }
  }
  return rows
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || (a.feature < b.feature ? -1 : 1))
    .slice(0, COEFFICIENT_ROWS);
}
