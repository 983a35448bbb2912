import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { ApiError } from '../../../shared/api/errors';
import type { CompareResultDto, RunDetailDto, RunPredictionsDto } from '../../../shared/api/runs-dto';
import { correctedResampledT } from '../../../models/stats/ab';
import { comparePredictions } from '../../../models/stats/comparePredictions';
import type { Task } from '../protocol';
import { PAIRED_METRIC, whyNotSameRows } from '../../../shared/api/compare-rows';
import { dieboldMariano } from '../../../models/stats/dieboldMariano';
import { targetTimeClusters } from '../../../models/forecast/point-clusters';
import { compareRecommenders, differentUsers } from './compare-recommend';

/** Why two runs cannot be compared row by row, or null when they can. */
function differentRows(a: RunDetailDto, b: RunDetailDto, pa: RunPredictionsDto | null, pb: RunPredictionsDto | null): string | null {
  const recorded = whyNotSameRows(a, b);
  if (recorded) return recorded;
  if (!pa || !pb) return null;
  if (pa.recommendPoints || pb.recommendPoints) return differentUsers(pa, pb);
  const fa = pa.forecastPoints;
  const fb = pb.forecastPoints;
  if (fa || fb) {
    const key = (f: NonNullable<typeof fa>, i: number) => `${f.seriesIds[f.series[i]]}|${f.origin[i]}|${f.step[i]}`;
    if (!fa || !fb || fa.series.length !== fb.series.length || fa.series.some((_, i) => key(fa, i) !== key(fb, i))) {
      return `they scored different (series, origin, step) points (${fa?.series.length ?? 0} vs ${fb?.series.length ?? 0}); forecast both with the same horizon, windows and test dataset`;
    }
    return null;
  }
  if (pa.rows.length !== pb.rows.length || pa.rows.some((r, i) => r !== pb.rows[i])) {
    return `their test rows differ (split ${a.split.kind} seed ${a.seed} with ${pa.rows.length} rows vs split ${b.split.kind} seed ${b.seed} with ${pb.rows.length} rows); train both with the same split and seed`;
  }
  return null;
}

/**
 * Diebold–Mariano over the shared points, origins as its time index (series pooled per origin):
 * squared loss for RMSE, absolute for MAE, absolute relative error for MAPE (a fraction, as MAPE is stored).
 */
function forecastDm(pa: RunPredictionsDto, pb: RunPredictionsDto, f: NonNullable<RunPredictionsDto['forecastPoints']>, metric: string): CompareResultDto['dieboldMariano'] {
  const pct = metric === 'mape';
  const err = (p: RunPredictionsDto) => p.actual.map((y, i) => (pct ? (y - p.values[i]) / Math.abs(y) : y - p.values[i]));
  const horizon = f.step.reduce((m, s) => Math.max(m, s), 1);
  return dieboldMariano(err(pa), err(pb), f.origin, horizon, metric === 'rmse' ? 'squared' : 'absolute');
}

/** A paired statistical comparison of two runs on their shared test rows. */
export const compareTask: Task<'runs.compare'> = async (args, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new RunsRepo(db);
    const [a, b] = [repo.get(args.a), repo.get(args.b)];
    for (const r of [a, b]) if (r.status !== 'succeeded') throw new ApiError('bad_request', `Run ${r.id.slice(0, 8)} has not succeeded (${r.status})`, { field: r === a ? 'a' : 'b' });
    const pa = repo.artifact<RunPredictionsDto>(a.id, 'predictions');
    const pb = repo.artifact<RunPredictionsDto>(b.id, 'predictions');
    const why = differentRows(a, b, pa, pb);
    if (why) throw new ApiError('conflict', `Runs ${a.id.slice(0, 8)} and ${b.id.slice(0, 8)} cannot be compared row by row: ${why}.`);
    if (!pa || !pb) throw new ApiError('bad_request', 'A run has no stored test predictions (trained by an older Lathe); re-run it first');
    if (pa.recommendPoints) {
      if (args.metric !== undefined && args.metric !== 'ndcg') throw new ApiError('bad_request', `Metric '${args.metric}' does not apply to recommender runs; they compare by ndcg per user`, { field: 'metric' });
      return compareRecommenders(a.id, b.id, pa, pb, {
        metric: args.metric, margin: args.margin, resamples: args.resamples,
        onProgress: (f) => {
          if (ctx.cancelled()) throw new Error('cancelled');
          ctx.progress(f, 'paired bootstrap');
        },
      });
    }
    const classification = pa.classes !== null;
    const forecast = pa.forecastPoints ?? null;
    // Forecasts are judged on absolute error first (MAE), as their reports are; tabular regression on RMSE.
    const metric = args.metric ?? (classification ? 'accuracy' : forecast ? PAIRED_METRIC.forecast : 'rmse');
    const regressionKeys = ['rmse', 'mae', 'r2', 'mape'];
    if (metric === 'ndcg') throw new ApiError('bad_request', "Metric 'ndcg' applies to recommender runs only", { field: 'metric' });
    if (classification === regressionKeys.includes(metric)) {
      throw new ApiError('bad_request', `Metric '${metric}' does not apply to ${classification ? 'classification' : 'regression'} runs`, { field: 'metric' });
    }
    // A forecast's points for one series and time, from overlapping origins, are resampled together.
    const frequency = a.forecast?.frequency ?? b.forecast?.frequency;
    const compared = comparePredictions(pa, pb, {
      metric, margin: args.margin, resamples: args.resamples, classes: classification ? pa.classes!.length : null,
      clusters: forecast && frequency ? targetTimeClusters(forecast, frequency) : undefined,
      onProgress: (f) => {
        if (ctx.cancelled()) throw new Error('cancelled');
        ctx.progress(f, 'paired bootstrap');
      },
    });
    let correctedT: CompareResultDto['correctedT'] = null;
    const fa = a.report?.foldMetrics;
    const fb = b.report?.foldMetrics;
    if (a.split.kind === 'kfold' && b.split.kind === 'kfold' && a.split.k === b.split.k && a.seed === b.seed && fa && fb && fa.length === fb.length) {
      const k = fa.length;
      correctedT = correctedResampledT(fa.map((m, i) => fb[i][metric] - m[metric]), 1 / (k - 1));
    }
    const dm = forecast ? forecastDm(pa, pb, forecast, metric) : null;
    const result: CompareResultDto = { a: a.id, b: b.id, ...compared, correctedT, dieboldMariano: dm };
    return result;
  } finally {
    db.close();
  }
};
