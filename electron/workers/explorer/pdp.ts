/** Partial dependence of a model's prediction on one input, over a sample of its dataset. */
import { partialDependence } from '../../../models/explain/index';
import { ApiError } from '../../../shared/api/errors';
import type { PdpDto } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';
import { subsample } from './predict';
import { inputKind } from './schema';

/** Each grid value predicts every background row once. */
const PDP_BACKGROUND = 500;

export function pdpOf(m: ExplorerModel, column: string, points: number): PdpDto {
  const a = m.artifact;
  if (!a.features.includes(column)) {
    throw new ApiError('bad_request', `column: '${column}' is not an input of this model (inputs: ${a.features.join(', ')})`, { field: 'column' });
  }
  const background = subsample(m.sample, PDP_BACKGROUND);
  const pd = partialDependence(a, background, column, { points });
  const K = pd.outputs;
  const names = a.classes ? a.classes.map(String) : [a.target];
  const series = names.map((name, k) => ({ name, values: pd.grid.map((_, g) => pd.values[g * K + k]) }));
  return { column, kind: inputKind(m.columns.get(column)?.type), grid: pd.grid, series, backgroundRows: background.rowCount };
}
