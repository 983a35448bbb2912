import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import { DEFAULT_SEED, DEFAULT_TEST_FRACTION, type RunArgs } from '../../../shared/api/methods/runs';
import { FAMILY_IDS } from '../../../shared/families/index';
import { metricsLine } from '../metric-text';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';
import { RECOMMEND_CLI_HELP, trainRecommend, type RecommendCliOptions } from './recommend-train';
import { registerRunDevice } from './run-device';

const collect = (v: string, prev: string[]) => prev.concat(v);

/** `key=value` pairs as text: the family's schema (shared/families) checks and converts each value. */
export function parseParams(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new ApiError('bad_request', `--param expects key=value, got '${p}'`, { field: 'params' });
    out[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return out;
}

/** random | time:COL | kfold:K */
export function parseSplit(s: string, testFraction: number): RunArgs['split'] {
  const [kind, arg] = s.split(':');
  if (kind === 'random') return { kind: 'random', testFraction };
  if (kind === 'time' && arg) return { kind: 'time', column: arg, testFraction };
  if (kind === 'kfold') return { kind: 'kfold', ...(arg ? { k: Number(arg) } : {}), testFraction };
  throw new ApiError('bad_request', `--split expects random, time:COLUMN or kfold:K; got '${s}'`, { field: 'split' });
}

const formatMetrics = metricsLine;

type TrainCliOptions = RecommendCliOptions & { arch?: string; target?: string; exclude?: string; task?: string; testFraction: number; seed: number; allowAnyTarget?: boolean; warmStart?: string };

/** A recommender run's list line: ndcg at its k, and RMSE when it learned from ratings. */
function recommendLine(m: Record<string, number>): string {
  const ndcg = Object.keys(m).find((k) => /^ndcgAt\d+$/.test(k));
  const keep = Object.fromEntries(Object.entries(m).filter(([k]) => k === ndcg || k === 'rmse'));
  return formatMetrics(keep);
}

export function registerRuns(program: Command): void {
  program
    .command('train')
    .description('train a model on a dataset in a background worker and record the run (--task recommend: a recommender)')
    .requiredOption('--dataset <name>', 'dataset name or id')
    .option('--target <column>', 'column to predict (not with --task recommend)')
    .option('--test-dataset <name>', 'a separate test dataset with the same columns')
    .option('--exclude <a,b>', 'columns to leave out')
    .option('--task <task>', 'regression, binary or multiclass (default: detected from the target), or recommend')
    .option('--model <family>', `${FAMILY_IDS.slice(0, -1).join(', ')} or ${FAMILY_IDS.at(-1)} (nbsvm, textnet and lexicon read one text column; linear does too when it is the only feature); with --task recommend: ${RECOMMEND_CLI_HELP.model}`)
    .option('--param <key=value>', 'model parameter (repeatable), e.g. trees=300', collect, [])
    .option('--arch <file.json>', 'mlp, and ncf with --task recommend: the network as a JSON spec (input and layers; see docs/architecture.md), the same as --param arch=JSON')
    .option('--split <kind>', `random, time:COLUMN or kfold:K; with --task recommend: ${RECOMMEND_CLI_HELP.split}`)
    .option('--test-fraction <f>', 'share of rows held out for testing', (v) => Number(v), DEFAULT_TEST_FRACTION)
    .option('--seed <n>', 'random seed for the split and the model', (v) => Number(v), DEFAULT_SEED)
    .option('--allow-any-target', 'train a classification target the learnability check refuses (many classes, a one-row class)')
    .option('--warm-start <run>', 'continue from this run (id or NAME@VERSION) on this dataset: same model, target and columns (gbdt adds trees, mlp trains on from its weights, forest and linear refit; with --task recommend: mf and als fold in new users and items, popularity and item-knn recount)')
    .option('--user <column>', 'recommend: the user id column')
    .option('--item <column>', 'recommend: the item id column')
    .option('--rating <column>', 'recommend: explicit ratings')
    .option('--event <column>', 'recommend: event types, weighted by --weights')
    .option('--weights <a=1,b=5>', 'recommend: the weight of each event type')
    .option('--count <column>', 'recommend: implicit counts (plays, visits)')
    .option('--time <column>', 'recommend: when each interaction happened (needed by the last and time splits)')
    .option('--item-features <name>', 'recommend: a dataset of item attributes')
    .option('--item-key <column>', 'recommend: the item id column of --item-features')
    .option('--user-features <name>', 'recommend: a dataset of user attributes')
    .option('--user-key <column>', 'recommend: the user id column of --user-features')
    .option('--k <n>', 'recommend: list length the headline metrics are taken at')
    .option('--sweep <key=range|N>', 'recommend: search this parameter instead of one run (repeatable: key=lo..hi[:log] or key=a|b), or N trials over the model’s first search space', collect, [])
    .option('--trials <n>', 'recommend, with --sweep: trials to run (default 20)')
    .option('--method <m>', 'recommend, with --sweep: grid, random or tpe (default tpe)')
    .option('--metric <m>', 'recommend, with --sweep: ndcg (default), map, recall, precision, hitRate, mrr at --k; or rmse, mae')
    .option('--parallel <n>', "recommend, with --sweep: trials at once (default: the machine's cores)")
    .action(async (o: TrainCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        if (o.task === 'recommend') return trainRecommend(core, out, { ...o, ...(o.arch ? { archText: readArchFile(o.arch) } : {}) });
        if (o.sweep?.length) throw new ApiError('bad_request', '--sweep with lathe train searches a recommender (--task recommend); sweep other models with lathe sweep', { field: 'sweep' });
        if (o.target === undefined) throw new ApiError('bad_request', "required option '--target <column>' not specified", { field: 'target' });
        const { jobId } = await core.call('runs.start', {
          dataset: o.dataset,
          target: o.target,
          testDataset: o.testDataset,
          exclude: o.exclude ? o.exclude.split(',').map((s) => s.trim()).filter(Boolean) : [],
          task: o.task,
          family: o.model ?? 'gbdt',
          params: { ...parseParams(o.param), ...(o.arch ? { arch: readArchFile(o.arch) } : {}) },
          split: o.testDataset ? { kind: 'holdout', testFraction: o.testFraction } : parseSplit(o.split ?? 'random', o.testFraction),
          seed: o.seed,
          allowAnyTarget: Boolean(o.allowAnyTarget),
          warmStartFrom: o.warmStart,
        });
        const r = await waitForJob(core, 'runs.train', jobId, out.json);
        out.result(r, () => `run ${r.runId}${o.warmStart ? ` (continued from ${o.warmStart})` : ''}\n${r.model} · ${r.task} · ${(r.durationMs / 1000).toFixed(1)} s · backend ${r.backend}\n${formatMetrics(r.metrics)}`);
      });
    });

  const runs = program
    .command('runs')
    .description('list training runs (lathe runs resume RUN: continue a stopped network run)')
    .option('--dataset <name>', 'only runs on this dataset')
    .action(async (o: { dataset?: string }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const datasetId = o.dataset ? (await core.call('datasets.get', { id: o.dataset })).id : undefined;
        const runs = await core.call('runs.list', { datasetId });
        out.result(runs, () =>
          runs.length === 0
            ? 'No runs yet: lathe train --dataset NAME --target COLUMN'
            : runs.map((r) => `${r.id.slice(0, 8)}  ${r.status.padEnd(10)} ${(r.family ?? '').padEnd(7)} ${(r.target ?? '').padEnd(20)} ${r.metrics ? (r.task === 'recommend' ? recommendLine(r.metrics) : formatMetrics(r.metrics)) : ''}`).join('\n'),
        );
      });
    });

  registerRunDevice(runs, program);

  runs
    .command('resume <run>')
    .description('continue a cancelled or interrupted network run (mlp or textnet, k-fold too; LSTM forecast; ncf recommender) from its last whole epoch, as the same run')
    .action(async (ref: string) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { runId, jobId } = await core.call('runs.resume', { id: ref });
        // An LSTM forecast goes on in a forecast job; mlp and textnet runs in a training job.
        if ((await core.call('runs.get', { id: runId, maxPoints: 0 })).forecastSpec) {
          const f = await waitForJob(core, 'forecast.train', jobId, out.json);
          const numbers = Object.fromEntries(Object.entries(f.metrics).filter((e): e is [string, number] => typeof e[1] === 'number'));
          out.result(f, () => `run ${f.runId} resumed and finished\n${f.model} forecast · horizon ${f.horizon} · ${(f.durationMs / 1000).toFixed(1)} s\n${formatMetrics(numbers)}`);
          return;
        }
        const r = await waitForJob(core, 'runs.train', jobId, out.json);
        out.result(r, () => `run ${r.runId} resumed and finished\n${r.model} · ${r.task} · ${(r.durationMs / 1000).toFixed(1)} s · backend ${r.backend}\n${formatMetrics(r.metrics)}`);
      });
    });
}

/** The --arch file's text; a missing or unreadable file is named. The host checks the spec itself. */
function readArchFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ApiError('bad_request', `Cannot read the architecture file ${path}: ${(err as Error).message}`, { field: 'arch' });
  }
}
