import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ForecastSweepArgs, RecommendSweepArgs, SweepArgs, SweepDto } from '../../../shared/api/methods/sweeps';
import { ApiError } from '../../../shared/api/errors';
import type { MetricPointDto } from '../../../shared/api/dto';
import type { HostContext } from '../handlers/types';
import { startRun, type RunExtras } from '../runs/run-service';
import { startForecast } from '../runs/forecast-service';
import { resolveForecast } from '../runs/resolve-forecast';
import { startRecommend } from '../runs/recommend-service';
import { resolveRecommend } from '../runs/resolve-recommend';
import { recommendFirstSpace, recommendMetricKey, recommendSweepDimProblem } from '../../../shared/families/recommend';
import { forecastSweepDimProblem } from '../../../shared/families/forecast';
import { parseDim, type Dim, type Point } from '../../../models/sweep/space';
import { gridPoints, randomPoint, tpeSuggest, type Observation } from '../../../models/sweep/samplers';
import { shouldStopEarly } from '../../../models/sweep/median-stopping';
import { LOWER_IS_BETTER } from '../../../models/stats/ab';
import { defaultObjective, sweepDimProblem } from '../../../shared/families/index';
import { resolveRun } from '../runs/resolve-run';
import type { RunArgs } from '../../../shared/api/methods/runs';
import { mulberry32 } from '../../../models/split/prng';

/** What the loop needs of a sweep, tabular or forecast alike. */
interface SweepPlan {
  method: 'grid' | 'random' | 'tpe';
  trials: number;
  seed: number;
  parallel?: number;
  stopEarly: boolean;
  metric: string;
  lowerIsBetter: boolean;
}

/** Starts one trial: an ordinary run with the point's parameters over the sweep's own. */
type Launch = (point: Point, extras: RunExtras) => { runId: string; jobId: string };

interface LiveSweep {
  id: string;
  args: SweepPlan;
  launch: Launch;
  dims: Dim[];
  grid: Point[] | null;
  rand: () => number;
  launched: number;
  history: Observation[];
  running: Map<string, { jobId: string; curve: number[] }>;
  /** Trials asked to stop early; marked so only if they really ended cancelled. */
  pruned: Set<string>;
  /** Pruned trials whose cancel has not landed yet: the sweep is not over until they end. */
  stopping: Set<string>;
  finishedCurves: number[][];
  best: { runId: string; loss: number } | null;
  cancelled: boolean;
}

const REGRESSION_METRICS = new Set(['rmse', 'mae', 'r2', 'mape']);

/** The run a sweep's trials share: its arguments without the sweep's own. */
function sweepRunArgs(a: SweepArgs): RunArgs {
  const { space: _space, method: _m, trials: _t, metric: _metric, parallel: _p, stopEarly: _se, ...run } = a;
  return run;
}

/**
 * Runs a sweep's trials as ordinary training runs, a few at a time: asks the sampler for the
 * next point when a slot frees, stops trials whose validation curve falls behind the median,
 * and keeps the best run. Orchestration lives in the host; the training stays in workers.
 */
export class SweepManager {
  private live = new Map<string, LiveSweep>();

  constructor(private readonly ctx: HostContext) {}

  start(args: SweepArgs): { sweepId: string } {
    const dims = this.parseSpace(args.space, (d) => sweepDimProblem(args.family, d));
    // The same resolution as every run: columns, split, the task and the fixed parameters, checked once here.
    const run = resolveRun(this.ctx, sweepRunArgs(args));
    const metric = args.metric ?? defaultObjective(run.task).metric;
    if ((run.task === 'regression') !== REGRESSION_METRICS.has(metric)) {
      throw new ApiError('bad_request', `Metric '${metric}' does not apply to a ${run.task} target`, { field: 'metric' });
    }
    // Trials train the task decided here, so a sweep never mixes tasks or optimises a metric its runs lack.
    const spec = { ...args, dataset: run.datasetId, task: run.task, metric, lowerIsBetter: LOWER_IS_BETTER.has(metric) };
    const base = sweepRunArgs(spec);
    return this.begin(run.datasetId, spec, dims, (point, extras) => startRun(this.ctx, { ...base, params: { ...base.params, ...point } }, extras));
  }

  /** A sweep over a forecasting model's parameters; every trial a forecast run on the same data and windows. */
  startForecast(args: ForecastSweepArgs): { sweepId: string } {
    const dims = this.parseSpace(args.space, (d) => forecastSweepDimProblem(args.model, d));
    const { space: _s, method: _m, trials: _t, metric: _metric, parallel: _p, ...forecast } = args;
    // Resolved once here so a bad column or parameter is refused before any trial starts.
    const resolved = resolveForecast(this.ctx, forecast);
    // No curve to prune on for most forecasting models: every trial runs to its end.
    const spec = { ...args, dataset: resolved.datasetId, stopEarly: false, lowerIsBetter: true };
    const base = { ...forecast, dataset: resolved.datasetId };
    return this.begin(resolved.datasetId, spec, dims, (point, extras) => startForecast(this.ctx, { ...base, params: { ...base.params, ...point } }, extras));
  }

  /**
   * A sweep over a recommender model's parameters (its first search space when none is given); every trial
   * a recommender run on the same data and split, the objective taken at the run's k.
   */
  startRecommend(args: RecommendSweepArgs): { sweepId: string } {
    const space = args.space ?? recommendFirstSpace(args.model);
    if (!space.length) throw new ApiError('bad_request', `The ${args.model} model has no parameters to search`, { field: 'space' });
    const dims = this.parseSpace(space, (d) => recommendSweepDimProblem(args.model, d));
    const { space: _s, method: _m, trials: _t, metric, parallel: _p, ...recommend } = args;
    const resolved = resolveRecommend(this.ctx, recommend);
    const rated = metric === 'rmse' || metric === 'mae';
    if (rated && !resolved.rating) throw new ApiError('bad_request', `${metric} scores predicted ratings: give a rating column, or optimise a ranking metric such as ndcg`, { field: 'metric' });
    // Stored with the task and the item column as target, so an earlier, better run on the same data is found.
    const spec = {
      ...args, space, dataset: resolved.datasetId, metric: recommendMetricKey(metric, resolved.k), lowerIsBetter: rated,
      stopEarly: false, task: 'recommend', target: resolved.item,
    };
    const base = { ...recommend, dataset: resolved.datasetId };
    return this.begin(resolved.datasetId, spec, dims, (point, extras) => startRecommend(this.ctx, { ...base, params: { ...base.params, ...point } }, extras));
  }

  private parseSpace(space: string[], problem: (d: Dim) => string | null): Dim[] {
    let dims: Dim[];
    try {
      dims = space.map(parseDim);
    } catch (err) {
      throw new ApiError('bad_request', `Invalid search space ${(err as Error).message}`, { field: 'space' });
    }
    for (const d of dims) {
      const why = problem(d);
      if (why) throw new ApiError('bad_request', `Invalid search space: ${why}`, { field: 'space' });
    }
    return dims;
  }

  private begin(datasetId: string, spec: SweepPlan & { space: string[] }, dims: Dim[], launch: Launch): { sweepId: string } {
    const id = randomUUID();
    this.ctx.repos.sweeps.create(id, datasetId, spec);
    const s: LiveSweep = {
      id, args: spec, launch, dims, grid: spec.method === 'grid' ? gridPoints(dims, spec.trials) : null, rand: mulberry32(spec.seed + 7),
      launched: 0, history: [], running: new Map(), pruned: new Set(), stopping: new Set(), finishedCurves: [], best: null, cancelled: false,
    };
    this.live.set(id, s);
    this.pump(s);
    return { sweepId: id };
  }

  cancel(id: string): SweepDto {
    const sweepId = this.ctx.repos.sweeps.get(id).id;
    const s = this.live.get(sweepId);
    if (s) {
      s.cancelled = true;
      for (const { jobId } of s.running.values()) this.ctx.jobs.cancel(jobId);
      if (s.running.size === 0 && s.stopping.size === 0) this.finish(s);
    }
    return this.ctx.repos.sweeps.get(sweepId);
  }

  private total(s: LiveSweep): number {
    return s.grid ? s.grid.length : s.args.trials;
  }

  private next(s: LiveSweep): Point {
    if (s.grid) return s.grid[s.launched];
    if (s.args.method === 'random') return randomPoint(s.dims, s.rand);
    return tpeSuggest(s.dims, s.history, s.args.seed * 100_003 + s.launched);
  }

  private pump(s: LiveSweep): void {
    const parallel = s.args.parallel ?? Math.max(1, os.availableParallelism());
    while (!s.cancelled && s.running.size < parallel && s.launched < this.total(s)) {
      const point = this.next(s);
      s.launched++;
      try {
        const { runId, jobId } = s.launch(point, {
          sweepId: s.id,
          onPoints: (rid, points) => this.watch(s, rid, points),
          onEnded: (rid) => this.ended(s, rid, point),
        });
        s.running.set(runId, { jobId, curve: [] });
      } catch (err) {
        s.cancelled = true;
        this.ctx.repos.sweeps.end(s.id, 'failed');
        throw err;
      }
    }
    this.ctx.events.emit('sweeps.changed', { sweepId: s.id });
    if (s.running.size === 0 && s.stopping.size === 0) this.finish(s);
  }

  private watch(s: LiveSweep, runId: string, points: MetricPointDto[]): void {
    const r = s.running.get(runId);
    if (!r) return;
    for (const p of points) if (p.values.valid !== undefined) r.curve[p.step] = p.values.valid;
    if (s.args.stopEarly && shouldStopEarly(r.curve.filter((v) => v !== undefined), s.finishedCurves)) {
      s.pruned.add(runId);
      s.stopping.add(runId);
      s.running.delete(runId);
      this.ctx.jobs.cancel(r.jobId);
      this.ctx.events.emit('sweeps.changed', { sweepId: s.id });
      // The slot is free now; the cancelled run reports its end later.
      queueMicrotask(() => this.pump(s));
    }
  }

  private ended(s: LiveSweep, runId: string, point: Point): void {
    const r = s.running.get(runId);
    s.running.delete(runId);
    s.stopping.delete(runId);
    const run = this.ctx.repos.runs.get(runId);
    if (s.pruned.has(runId) && run.status === 'cancelled') this.ctx.repos.runs.markStoppedEarly(runId);
    const value = run.metrics?.[s.args.metric];
    if (run.status === 'succeeded' && value !== undefined && Number.isFinite(value)) {
      const loss = s.args.lowerIsBetter ? value : -value;
      s.history.push({ point, loss });
      if (r && r.curve.length) s.finishedCurves.push(r.curve.filter((v) => v !== undefined));
      if (!s.best || loss < s.best.loss) {
        s.best = { runId, loss };
        this.ctx.repos.sweeps.setBest(s.id, runId);
      }
    }
    this.pump(s);
  }

  private finish(s: LiveSweep): void {
    if (!this.live.has(s.id)) return;
    this.live.delete(s.id);
    this.ctx.repos.sweeps.end(s.id, s.cancelled ? 'cancelled' : 'succeeded');
    this.ctx.events.emit('sweeps.changed', { sweepId: s.id });
  }

  /** Resolves when the sweep has ended (CLI and tests). */
  wait(id: string): Promise<SweepDto> {
    return new Promise((resolve) => {
      const check = () => {
        const d = this.ctx.repos.sweeps.get(id);
        if (d.status !== 'running') {
          off();
          resolve(d);
        }
      };
      const off = this.ctx.events.subscribe((e, p) => {
        if (e === 'sweeps.changed' && (p as { sweepId: string }).sweepId === id) check();
      });
      check();
    });
  }
}
