/**
 * Champion against challenger for a retraining plan, in a worker: each family scored on held-out data
 * neither model trained on (evaluate-tabular: rows, also text classifiers; evaluate-forecast: the newest
 * window of the series; evaluate-recommend: held-out interactions per user), with the paired statistics
 * runs.compare uses. Also the champion's live metric for the metric trigger.
 */
import { openDatabase } from '../../data/db/open';
import { RunsRepo } from '../../data/db/repos/runs-repo';
import { loadFrame } from '../../data/load-frame';
import { ApiError } from '../../../shared/api/errors';
import type { RunPredictionsDto } from '../../../shared/api/runs-dto';
import type { PlanLiveMetricDto } from '../../../shared/automation/evaluate';
import { takeRows } from '../../../models/frame/frame';
import { LOWER_IS_BETTER } from '../../../models/stats/ab';
import type { Task } from '../protocol';
import { championRows } from './champion-rows';
import { evaluateTabular, headline, score } from './evaluate-tabular';
import { evaluateForecast } from './evaluate-forecast';
import { evaluateRecommend } from './evaluate-recommend';
import { liveForecastMetric } from './live-forecast';
import { liveRecommendMetric } from './live-recommend';
import { loadPlanModel, runArtifact } from './run-model';

export const planEvaluateTask: Task<'automation.evaluate'> = async (args, ctx) => {
  ctx.progress(0, 'loading both models');
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new RunsRepo(db);
    const champion = repo.get(args.championRunId, 0);
    const challenger = repo.get(args.challengerRunId, 0);
    if ((champion.task === 'forecast') !== (challenger.task === 'forecast') || (champion.task === 'recommend') !== (challenger.task === 'recommend')) {
      throw new ApiError('bad_request', `The champion is a ${champion.task} run and the challenger a ${challenger.task} run; a plan compares runs of one kind`);
    }
    if (champion.task === 'forecast') return await evaluateForecast(db, repo, champion, challenger, args, ctx);
    if (champion.task === 'recommend') return await evaluateRecommend(db, repo, champion, challenger, args, ctx);
    return await evaluateTabular(db, repo, champion, challenger, args, ctx);
  } finally {
    db.close();
  }
};

/** The champion's headline metric on the rows it never trained on (forecasts: the newest windows after its data; recommenders: ndcg on the interactions it did not train on): the metric trigger's live value. */
export const planLiveMetricTask: Task<'automation.liveMetric'> = async (args, ctx) => {
  const db = openDatabase(ctx.start.databasePath, { nativeBinding: ctx.start.nativeBinding });
  try {
    const repo = new RunsRepo(db);
    const champion = repo.get(args.championRunId, 0);
    if (champion.task === 'forecast') return await liveForecastMetric(db, repo, champion, args.datasetId, ctx);
    if (champion.task === 'recommend') return await liveRecommendMetric(db, repo, champion, args.datasetId, ctx);
    const artifact = runArtifact(repo.artifact(champion.id, 'model'), 'champion');
    const metric = headline(artifact.classes);
    const baseline = champion.metrics?.[metric] ?? null;
    const { frame } = loadFrame(db, args.datasetId);
    const seen = championRows(db, champion, repo.artifact<RunPredictionsDto>(champion.id, 'predictions'), args.datasetId);
    const rows = Array.from({ length: frame.rowCount }, (_, i) => i).filter((i) => !seen.seen(i));
    const out: PlanLiveMetricDto = { metric, lowerIsBetter: LOWER_IS_BETTER.has(metric), value: null, baseline, rows: 0 };
    const sub = takeRows(frame, rows);
    const target = sub.columns.find((c) => c.name === artifact.target);
    if (!target || rows.length === 0) return out;
    const model = await loadPlanModel(artifact);
    try {
      const pred = model.predict(sub);
      const K = artifact.classes?.length ?? 0;
      const y: number[] = [];
      const keep: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const raw = target.values[i];
        if (raw === null || (typeof raw === 'number' && Number.isNaN(raw))) continue;
        const yi = K ? artifact.classes!.findIndex((c) => String(c) === String(raw)) : Number(raw);
        if (K && yi < 0) continue;
        y.push(yi);
        keep.push(i);
      }
      if (keep.length === 0) return out;
      const value = score(metric, K, Float64Array.from(y), { values: Float64Array.from(keep, (i) => pred.values[i]), probabilities: K ? Float64Array.from({ length: keep.length * K }, (_, i) => pred.probabilities![keep[Math.floor(i / K)] * K + (i % K)]) : null }, new Uint32Array(keep.length).map((_, i) => i));
      return { ...out, value, rows: keep.length };
    } finally {
      model.dispose();
    }
  } finally {
    db.close();
  }
};
