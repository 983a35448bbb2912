/** `lathe train --task recommend`: the recommender options as the contract names them; omitted ones take its defaults. */
import { ApiError } from '../../../shared/api/errors';
import type { ArgsOf } from '../../../shared/api/contract';
import type { RecommendOutcomeDto } from '../../../shared/api/recommend-dto';
import { RECOMMEND_MODEL_IDS, RECOMMEND_SPLITS, RECOMMEND_SWEEP_METRICS, type RecommendSweepMetric } from '../../../shared/families/recommend';
import type { Core } from '../../host/core';
import type { Output } from '../output';
import { waitForJob } from '../run-job';
import { parseParams } from './runs';
import { sweepSummary } from './sweep';

export interface RecommendCliOptions {
  dataset: string;
  /** ncf: the --arch file's text (the network as a JSON spec). */
  archText?: string;
  user?: string;
  item?: string;
  rating?: string;
  event?: string;
  weights?: string;
  count?: string;
  time?: string;
  itemFeatures?: string;
  itemKey?: string;
  userFeatures?: string;
  userKey?: string;
  model?: string;
  split?: string;
  testDataset?: string;
  k?: string;
  param: string[];
  seed?: number;
  /** `key=lo..hi[:log]` / `key=a|b` dimensions, or a number of trials over the model's first space. */
  sweep?: string[];
  trials?: string;
  method?: string;
  metric?: string;
  parallel?: string;
  /** A recommender run to continue from (folding in new users and items). */
  warmStart?: string;
}

export const RECOMMEND_CLI_HELP = {
  model: RECOMMEND_MODEL_IDS.join(', '),
  split: (Object.keys(RECOMMEND_SPLITS) as string[]).filter((s) => s !== 'test').join(', '),
};

/** view=1,purchase=5 → {view: 1, purchase: 5}. */
export function parseWeights(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    const w = Number(pair.slice(eq + 1));
    if (eq <= 0 || pair.slice(eq + 1).trim() === '' || !Number.isFinite(w)) throw new ApiError('bad_request', `--weights expects type=number pairs separated by commas, e.g. view=1,purchase=5; got '${pair}'`, { field: 'weights' });
    out[pair.slice(0, eq).trim()] = w;
  }
  return out;
}

export function recommendArgsFromCli(o: RecommendCliOptions): ArgsOf<'recommend.start'> {
  for (const [key, flag] of [['user', '--user'], ['item', '--item']] as const) {
    if (o[key] === undefined) throw new ApiError('bad_request', `lathe train --task recommend needs ${flag} COLUMN`, { field: key });
  }
  const args: ArgsOf<'recommend.start'> = { dataset: o.dataset, user: o.user!, item: o.item!, params: { ...parseParams(o.param), ...(o.archText ? { arch: o.archText } : {}) } };
  for (const key of ['rating', 'event', 'count', 'time', 'itemFeatures', 'itemKey', 'userFeatures', 'userKey', 'testDataset'] as const) {
    if (o[key] !== undefined) args[key] = o[key];
  }
  if (o.weights !== undefined) args.weights = parseWeights(o.weights);
  if (o.model !== undefined) args.model = o.model as NonNullable<ArgsOf<'recommend.start'>['model']>;
  if (o.split !== undefined) args.split = o.split as NonNullable<ArgsOf<'recommend.start'>['split']>;
  if (o.k !== undefined) args.k = Number(o.k);
  if (o.seed !== undefined) args.seed = o.seed;
  if (o.warmStart !== undefined) args.warmStartFrom = o.warmStart;
  return args;
}

function formatMetrics(m: RecommendOutcomeDto['metrics']): string {
  return Object.entries(m)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join('  ');
}

const count = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new ApiError('bad_request', `${flag} expects a whole number, at least 1; got '${v}'`, { field: flag.slice(2) });
  return n;
};

/**
 * `--sweep` as sweeps.startRecommend's arguments: each value a dimension, or a bare number of trials over
 * the model's first search space (`--sweep 20`).
 */
export function recommendSweepFromCli(o: RecommendCliOptions): ArgsOf<'sweeps.startRecommend'> {
  const values = o.sweep ?? [];
  const counts = values.filter((v) => /^\d+$/.test(v));
  const space = values.filter((v) => !/^\d+$/.test(v));
  if (counts.length > 1 || (counts.length && o.trials !== undefined)) throw new ApiError('bad_request', 'Give the number of trials once: --sweep N or --trials N', { field: 'trials' });
  if (o.metric !== undefined && !(RECOMMEND_SWEEP_METRICS as readonly string[]).includes(o.metric)) {
    throw new ApiError('bad_request', `--metric must be one of ${RECOMMEND_SWEEP_METRICS.join(', ')}; got '${o.metric}'`, { field: 'metric' });
  }
  const args: ArgsOf<'sweeps.startRecommend'> = { ...recommendArgsFromCli(o) };
  if (space.length) args.space = space;
  const trials = count(counts[0] ?? o.trials, '--trials');
  if (trials !== undefined) args.trials = trials;
  if (o.method !== undefined) args.method = o.method as NonNullable<ArgsOf<'sweeps.startRecommend'>['method']>;
  if (o.metric !== undefined) args.metric = o.metric as RecommendSweepMetric;
  const parallel = count(o.parallel, '--parallel');
  if (parallel !== undefined) args.parallel = parallel;
  return args;
}

async function sweepRecommend(core: Core, out: Output, o: RecommendCliOptions): Promise<void> {
  const { sweepId } = await core.call('sweeps.startRecommend', recommendSweepFromCli(o));
  const onSigint = () => void core.call('sweeps.cancel', { id: sweepId });
  process.once('SIGINT', onSigint);
  const sweep = await core.sweepEnded(sweepId);
  process.off('SIGINT', onSigint);
  out.result(sweep, () => sweepSummary(sweep));
}

export async function trainRecommend(core: Core, out: Output, o: RecommendCliOptions): Promise<void> {
  if (o.sweep?.length) return sweepRecommend(core, out, o);
  const { runId, jobId } = await core.call('recommend.start', recommendArgsFromCli(o));
  const r = await waitForJob(core, 'recommend.train', jobId, out.json);
  let scoredOn = '';
  if (!out.json) {
    const report = (await core.call('runs.get', { id: runId, maxPoints: 0 })).recommend;
    scoredOn = report ? `${report.counts.users.toLocaleString('en-US')} users · ${report.counts.items.toLocaleString('en-US')} items · ${report.evaluatedUsers.toLocaleString('en-US')} evaluated\n${report.notes[0] ?? ''}` : '';
  }
  out.result(r, () => `run ${r.runId}\n${r.model} · recommend · ${(r.durationMs / 1000).toFixed(1)} s\n${scoredOn}\n${formatMetrics(r.metrics)}`);
}
