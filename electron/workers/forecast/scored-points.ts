/**
 * Collects what the evaluation scored: per-series accuracy, the points the report draws (origins
 * thinned), and every (series, origin, step) pair with an actual value as the run's predictions.
 */
import type { ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import { AccuracyAccumulator, type Accuracy } from '../../../models/forecast/accuracy';
import type { ScoredOrigin } from './protocol';
import { forecastPoints, thinIndices } from './report-parts';
import type { PreparedSeries } from './series-input';

/** Origins drawn per series in the report (all are scored and stored as predictions). */
const MAX_DRAWN_ORIGINS = 200;

interface SeriesPoints {
  origin: number[];
  step: number[];
  actual: number[];
  mean: number[];
}

export class ScoredPoints {
  private readonly accuracy: AccuracyAccumulator[];
  private readonly points: SeriesPoints[];
  private readonly drawn: Set<number>[];
  readonly evaluation: ForecastSeriesReportDto['evaluation'][];

  constructor(
    private readonly series: readonly PreparedSeries[],
    plans: readonly number[][],
    private readonly levels: readonly number[],
  ) {
    this.accuracy = series.map(() => new AccuracyAccumulator(levels));
    this.points = series.map(() => ({ origin: [], step: [], actual: [], mean: [] }));
    this.drawn = plans.map((p) => new Set(thinIndices(p.length, MAX_DRAWN_ORIGINS).map((k) => p[k])));
    this.evaluation = series.map(() => []);
  }

  add(o: ScoredOrigin): void {
    const s = this.series[o.series];
    const acc = this.accuracy[o.series];
    const pts = this.points[o.series];
    const t = s.timeline.time(o.origin);
    for (let j = 0; j < o.actual.length; j++) {
      acc.add(o.actual[j], o.forecast, j, o.scale);
      if (Number.isNaN(o.actual[j])) continue;
      pts.origin.push(t);
      pts.step.push(j + 1);
      pts.actual.push(o.actual[j]);
      pts.mean.push(o.forecast.mean[j]);
    }
    if (this.drawn[o.series].has(o.origin)) {
      this.evaluation[o.series].push({ origin: t, points: forecastPoints(o.forecast, s.timeline, o.origin, o.actual.length, this.levels, o.actual) });
    }
  }

  seriesAccuracy(i: number): Accuracy {
    return this.accuracy[i].result();
  }

  /** Row i = point i: series in report order, then origin, then step ahead. */
  predictions(): RunPredictionsDto {
    const out = { rows: [] as number[], actual: [] as number[], values: [] as number[] };
    const where = { seriesIds: this.series.map((s) => s.id), series: [] as number[], origin: [] as number[], step: [] as number[] };
    this.points.forEach((p, i) => {
      for (let k = 0; k < p.origin.length; k++) {
        out.rows.push(out.rows.length);
        out.actual.push(p.actual[k]);
        out.values.push(p.mean[k]);
        where.series.push(i);
        where.origin.push(p.origin[k]);
        where.step.push(p.step[k]);
      }
    });
    return { ...out, probabilities: null, classes: null, forecastPoints: where };
  }
}
