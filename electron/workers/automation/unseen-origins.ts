/**
 * Which of a forecast challenger's backtest points judge it against the champion: the one place that rule
 * lives.
 *
 * A point counts when its whole forecast (every step from its origin) lies after the last value the
 * champion fitted, i.e. the origin is at or after the champion's end. Then neither model saw it: the
 * challenger's backtest forecast at that origin came from a fit on values before the origin (its state
 * moved on to it, parameters unchanged, or refitted there), and the champion forecasts from the same
 * origin with its stored state moved on through the values before it, without a refit. Every such origin
 * counts, not only the newest, so the points grow with the new data: a single series with a short horizon
 * gets judged once enough new data has arrived. An origin before the champion's end would score the
 * champion on values it fitted, so it is left out.
 */
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';

type ForecastPoints = NonNullable<RunPredictionsDto['forecastPoints']>;

export interface UnseenOrigins {
  /** Series id → origin (grid time, ms) → indices into the challenger's predictions, in stored order. */
  series: Map<string, Map<number, number[]>>;
  /** Series of the challenger that the champion does not know (left out). */
  unknown: string[];
  /** Known series with no origin at or after the champion's end: their newest origin. */
  tooEarly: { id: string; newest: number; end: number }[];
}

/** `championEnd(id)`: the first grid time after the champion's data of series `id`, undefined when unknown. */
export function unseenOrigins(points: ForecastPoints, championEnd: (id: string) => number | undefined): UnseenOrigins {
  const series = new Map<string, Map<number, number[]>>();
  const newest = new Map<string, number>();
  const unknown = new Set<string>();
  points.series.forEach((s, i) => {
    const id = points.seriesIds[s];
    const end = championEnd(id);
    if (end === undefined) {
      unknown.add(id);
      return;
    }
    const origin = points.origin[i];
    newest.set(id, Math.max(newest.get(id) ?? -Infinity, origin));
    if (origin < end) return;
    const origins = series.get(id) ?? new Map<number, number[]>();
    series.set(id, origins);
    const rows = origins.get(origin);
    if (rows) rows.push(i);
    else origins.set(origin, [i]);
  });
  const tooEarly = [...newest].filter(([id]) => !series.has(id)).map(([id, o]) => ({ id, newest: o, end: championEnd(id)! }));
  return { series, unknown: [...unknown], tooEarly };
}
