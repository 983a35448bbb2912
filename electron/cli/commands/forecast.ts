import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import type { ArgsOf } from '../../../shared/api/contract';
import type { ForecastOutcomeDto } from '../../../shared/api/forecast-dto';
import { FORECAST_MODEL_IDS } from '../../../shared/families/forecast';
import { metricsLine } from '../metric-text';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';
import { parseParams } from './runs';
import { sweepSummary } from './sweep';

const collect = (v: string, prev: string[]) => prev.concat(v);

export interface ForecastCliOptions {
  dataset: string;
  time: string;
  target: string;
  series?: string;
  covariates?: string;
  futureCovariates?: string;
  events?: string;
  horizon: string;
  model?: string;
  season?: string;
  levels?: string;
  testDataset?: string;
  refit?: string;
  windows?: string;
  duplicates?: string;
  param: string[];
  seed?: string;
  sweep?: string[];
  trials?: string;
  method?: string;
  metric?: string;
  parallel?: string;
}

const names = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** Numbers as written; the contract's schema checks their ranges and names the field. */
function numbers(s: string | undefined, field: string): number[] | undefined {
  if (s === undefined) return undefined;
  return names(s).map((x) => {
    const n = Number(x);
    if (!Number.isFinite(n)) throw new ApiError('bad_request', `--${field} expects numbers separated by commas; '${x}' is not a number`, { field });
    return n;
  });
}

function refitOf(s: string | undefined): 'never' | 'every' | number | undefined {
  if (s === undefined || s === 'never' || s === 'every') return s;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new ApiError('bad_request', `--refit expects never, every or a whole number of origins; got '${s}'`, { field: 'refit' });
  return n;
}

/** What `lathe forecast` sends: the options as the contract names them; omitted ones take its defaults. */
export function forecastArgsFromCli(o: ForecastCliOptions): ArgsOf<'forecast.start'> {
  const args: ArgsOf<'forecast.start'> = {
    dataset: o.dataset,
    time: o.time,
    target: o.target,
    horizon: Number(o.horizon),
    covariates: names(o.covariates),
    futureCovariates: names(o.futureCovariates),
    params: parseParams(o.param),
  };
  if (o.series !== undefined) args.series = o.series;
  if (o.events !== undefined) args.events = o.events;
  if (o.model !== undefined) args.model = o.model as NonNullable<ArgsOf<'forecast.start'>['model']>;
  if (o.season !== undefined) args.season = numbers(o.season, 'season');
  if (o.levels !== undefined) args.levels = numbers(o.levels, 'levels');
  if (o.testDataset !== undefined) args.testDataset = o.testDataset;
  const refit = refitOf(o.refit);
  if (refit !== undefined) args.refit = refit;
  if (o.windows !== undefined) args.windows = Number(o.windows);
  if (o.duplicates !== undefined) args.duplicates = o.duplicates as NonNullable<ArgsOf<'forecast.start'>['duplicates']>;
  if (o.seed !== undefined) args.seed = Number(o.seed);
  return args;
}

function summary(r: ForecastOutcomeDto, scoredOn: string): string {
  return `run ${r.runId}\n${r.model} · ${r.frequency} · horizon ${r.horizon} · ${(r.durationMs / 1000).toFixed(1)} s\n${scoredOn}\n${metricsLine(r.metrics)}`;
}

export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('forecast a time series (or one per value of --series) in a background worker and record the run')
    .requiredOption('--dataset <name>', 'dataset name or id')
    .requiredOption('--time <column>', 'the date or datetime column')
    .requiredOption('--target <column>', 'the numeric column to forecast')
    .requiredOption('--horizon <steps>', 'steps ahead to forecast')
    .option('--series <column>', 'one series per value of this column')
    .option('--covariates <a,b>', 'covariates known only up to each origin')
    .option('--future-covariates <a,b>', 'covariates known in the future (read from the test dataset)')
    .option('--events <column>', 'a column naming holidays or events on their dates')
    .option('--model <model>', FORECAST_MODEL_IDS.join(', '))
    .option('--season <periods>', 'seasonal periods in steps, e.g. 7,365.25 (default: from the frequency)')
    .option('--levels <percents>', 'prediction interval levels, e.g. 80,95')
    .option('--test-dataset <name>', 'later rows of the same series: forecasts from rolling origins through it are scored')
    .option('--refit <when>', 'with a test dataset: never, every, or every N origins')
    .option('--windows <n>', 'backtest origins on the training tail (without a test dataset)')
    .option('--duplicates <rule>', 'several rows at one time point: error, sum, mean or last')
    .option('--param <key=value>', 'model parameter (repeatable), e.g. trend=A', collect, [])
    .option('--seed <n>', 'random seed of simulated intervals and models')
    .option('--sweep <key=range>', 'search this parameter instead of one run (repeatable): key=lo..hi[:log] or key=a|b', collect, [])
    .option('--trials <n>', 'with --sweep: trials to run (default 20)')
    .option('--method <m>', 'with --sweep: grid, random or tpe (default tpe)')
    .option('--metric <m>', 'with --sweep: mase (default), mae, rmse, mape or smape')
    .option('--parallel <n>', "with --sweep: trials at once (default: the machine's cores)")
    .action(async (o: ForecastCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const args = forecastArgsFromCli(o);
        if (o.sweep && o.sweep.length > 0) {
          const { sweepId } = await core.call('sweeps.startForecast', {
            ...args, space: o.sweep, trials: o.trials === undefined ? undefined : Number(o.trials),
            method: o.method as 'grid' | 'random' | 'tpe' | undefined, metric: o.metric as 'mase' | undefined,
            parallel: o.parallel === undefined ? undefined : Number(o.parallel),
          });
          const onSigint = () => void core.call('sweeps.cancel', { id: sweepId });
          process.once('SIGINT', onSigint);
          const sweep = await core.sweepEnded(sweepId);
          process.off('SIGINT', onSigint);
          out.result(sweep, () => sweepSummary(sweep));
          return;
        }
        const { runId, jobId } = await core.call('forecast.start', args);
        const r = await waitForJob(core, 'forecast.train', jobId, out.json);
        let scoredOn = '';
        if (!out.json) {
          const report = (await core.call('runs.get', { id: runId, maxPoints: 0 })).forecast;
          scoredOn = report?.notes[0] ?? '';
        }
        out.result(r, () => summary(r, scoredOn));
      });
    });
}
