import { autoFamily } from './auto';
import { decomposableFamily } from './decomposable/family';
import { driftFamily } from './drift';
import { ensembleFamily } from './ensemble';
import { etsFamily } from './ets/family';
import { gbdtFamily } from './gbdt/family';
import { lstmFamily } from './lstm/family';
import { naiveFamily } from './naive';
import { seasonalNaiveFamily } from './seasonalNaive';
import { thetaFamily } from './theta';
import type { FamilyName, ForecastFamily, ForecastModel, GlobalFamily, ModelJson, Timeline } from './types';

/** Families fitted one series at a time. */
export const FORECAST_FAMILIES: Partial<Record<FamilyName, ForecastFamily>> = {
  naive: naiveFamily,
  'seasonal-naive': seasonalNaiveFamily,
  drift: driftFamily,
  ets: etsFamily,
  theta: thetaFamily,
  auto: autoFamily,
  ensemble: ensembleFamily,
  decomposable: decomposableFamily,
};

/** Families fitted across all series at once. */
export const GLOBAL_FAMILIES: Partial<Record<FamilyName, GlobalFamily>> = {
  gbdt: gbdtFamily,
  lstm: lstmFamily,
};

/** The model an artifact's JSON describes, whatever its family (`timeline` as at fit time, for decomposable). */
export function loadForecastModel(json: ModelJson, timeline?: Timeline): ForecastModel {
  const family = FORECAST_FAMILIES[json.family];
  if (!family) throw new Error(`unknown forecast family: ${String(json.family)}`);
  return family.fromJSON(json, timeline);
}
