import type { Command } from 'commander';
import type { SweepDto } from '../../../shared/api/methods/sweeps';
import { DEFAULT_SEED, DEFAULT_TEST_FRACTION } from '../../../shared/api/methods/runs';
import { metricText } from '../metric-text';
import { withCore } from '../run-job';
import { parseParams, parseSplit } from './runs';
import type { GlobalOptions } from '../main';

const collect = (v: string, prev: string[]) => prev.concat(v);

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('search hyper-parameters: trials run as training jobs, bad ones stopped early')
    .requiredOption('--dataset <name>', 'dataset name or id')
    .requiredOption('--target <column>', 'column to predict')
    .requiredOption('--space <key=range>', 'a dimension: key=lo..hi, key=lo..hi:log or key=a|b|c (repeatable)', collect, [])
    .option('--model <family>', 'gbdt, linear, forest or mlp', 'gbdt')
    .option('--method <m>', 'grid, random or tpe', 'tpe')
    .option('--trials <n>', 'number of trials', (v) => Number(v), 20)
    .option('--metric <m>', 'objective (default rmse, or logloss for classification)')
    .option('--parallel <n>', 'trials at once (default: the number of cores)', (v) => Number(v))
    .option('--param <key=value>', 'fixed model parameter (repeatable)', collect, [])
    .option('--no-stop-early', 'let every trial finish')
    .option('--split <kind>', 'random, time:COLUMN or kfold:K', 'random')
    .option('--test-fraction <f>', 'share of rows held out for testing', (v) => Number(v), DEFAULT_TEST_FRACTION)
    .option('--seed <n>', 'random seed', (v) => Number(v), DEFAULT_SEED)
    .action(async (o: { dataset: string; target: string; space: string[]; model: string; method: string; trials: number; metric?: string; parallel?: number; param: string[]; stopEarly: boolean; split: string; testFraction: number; seed: number }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { sweepId } = await core.call('sweeps.start', {
          dataset: o.dataset, target: o.target, family: o.model, space: o.space, method: o.method,
          trials: o.trials, metric: o.metric, parallel: o.parallel, params: parseParams(o.param),
          stopEarly: o.stopEarly, split: parseSplit(o.split, o.testFraction), seed: o.seed,
        });
        const onSigint = () => void core.call('sweeps.cancel', { id: sweepId });
        process.once('SIGINT', onSigint);
        const sweep = await core.sweepEnded(sweepId);
        process.off('SIGINT', onSigint);
        out.result(sweep, () => sweepSummary(sweep));
      });
    });
}

/** A finished sweep as the CLI prints it: one line per trial, the best starred. */
export function sweepSummary(sweep: SweepDto): string {
  const best = sweep.results.find((r) => r.runId === sweep.bestRunId);
  const rows = sweep.results.map(
    (r) => `${r.runId === sweep.bestRunId ? '*' : ' '} ${r.runId.slice(0, 8)} ${r.status.padEnd(10)}${r.stoppedEarly ? ` (stopped early${r.lastCurve ? ` at iteration ${r.lastCurve.step}, validation ${r.lastCurve.value.toPrecision(5)}` : ''})` : ''} ${r.value === null ? '' : `${sweep.metric} ${metricText(sweep.metric, r.value, 5)}`}  ${JSON.stringify(r.params)}`,
  );
  const earlier = sweep.earlierBetter ? [`note: earlier run ${sweep.earlierBetter.runId.slice(0, 8)} did better (${sweep.metric} ${metricText(sweep.metric, sweep.earlierBetter.value, 5)})`] : [];
  return [`sweep ${sweep.id} ${sweep.status}: ${sweep.results.length} trials (${sweep.method})`, ...rows, best ? `best: ${best.runId} ${sweep.metric} ${metricText(sweep.metric, best.value, 5)}` : 'no trial finished', ...earlier].join('\n');
}
