/** Partial dependence of a model's prediction on one input, over a sample of its dataset. */
import { partialDependence } from '../../../models/explain/index';
import { ApiError } from '../../../shared/api/errors';
import type { PdpDto } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';
import { subsample } from './predict';
import { inputKind } from './schema';
import { runsInTextEngine } from './text-model';

/** Each grid value predicts every background row once. */
const PDP_BACKGROUND = 500;
/** The same rows' curves for the same model and column, whatever the request. */
const ICE_SEED = 7;

export function pdpOf(m: ExplorerModel, column: string, points: number, iceRows = 0): PdpDto {
  const a = m.artifact;
  if (m.ensemble) {
    throw new ApiError('bad_request', `An ensemble's partial dependence is not computed: explore its members (${m.ensemble.members.map((x) => x.ref).join(', ')}) for it`, { field: 'model' });
  }
  if (runsInTextEngine(a)) throw new ApiError('bad_request', `${a.family} reads one text column: its words are explained instead (explorer.predict with explain)`, { field: 'model' });
  if (!a.features.includes(column)) {
    throw new ApiError('bad_request', `column: '${column}' is not an input of this model (inputs: ${a.features.join(', ')})`, { field: 'column' });
  }
  const background = subsample(m.sample, PDP_BACKGROUND);
  const pd = partialDependence(a, background, column, { points, iceRows, seed: ICE_SEED });
  const K = pd.outputs;
  const G = pd.grid.length;
  const names = a.classes ? a.classes.map(String) : [a.target];
  const series = names.map((name, k) => ({ name, values: pd.grid.map((_, g) => pd.values[g * K + k]) }));
  const ice = pd.ice
    ? {
        rows: pd.ice.rows.length,
        series: names.map((name, k) => ({ name, curves: pd.ice!.rows.map((_, j) => pd.grid.map((__, g) => pd.ice!.values[(j * G + g) * K + k])) })),
      }
    : null;
  return { column, kind: inputKind(m.columns.get(column)?.type), grid: pd.grid, series, backgroundRows: background.rowCount, ice };
}
