/**
 * The `lstm` family: one TF.js LSTM trained across all series, as an analyst builds it by hand. Each series
 * keeps its last max(horizon, 19 / series) steps — at most half of what follows its first window — as a
 * validation tail: training windows learn only targets before it, validation windows score only targets
 * inside it. The tail decides early stopping and gives the conformal errors of every forecast step.
 *
 * Direct multi-output up to DIRECT_MAX_HORIZON steps: each step gets its own output, so errors are not fed
 * back and compounded, and every step is trained on its own error; beyond that the dense head and the
 * window + horizon each training example needs grow too large (hourly weeks, daily years), so one output
 * is used recursively.
 */
import { FORECAST_MODEL_SPECS, forecastDefaults } from '../../../shared/families/forecast';
import { paramSchema } from '../../../shared/families/define';
import { selectBackend, type BackendName, type tf } from '../../mlp/backend';
import { mulberry32, shuffleInPlace } from '../../split/prng';
import { ForecastInputError } from '../errors';
import { checkHorizon } from '../intervals';
import type { FitOptions, GlobalFamily, Timeline } from '../types';
import { dominantPeriod } from './calendar';
import { stepScores } from './conformal';
import { DIRECT_MAX_HORIZON, encodeFloat32, LstmCore, LstmGlobalModel, type LstmMemberState, type LstmParams } from './model';
import { initialWeights, type NetworkShape } from './network';
import { buildWindows, channelsOf, covariateScales, forecastPaths, originsOf, scaleOf, stepsOf, type Origin, type SeriesData, type WindowSpec } from './windows';

/** More training windows than this are subsampled (seeded): memory stays bounded on long or many series. */
const MAX_TRAIN_WINDOWS = 100_000;
/** Errors per forecast step that a 95% interval's finite-sample quantile needs: ⌈(m + 1)·0.95⌉ ≤ m. */
const MIN_VALIDATION_ERRORS = 19;

export function lstmParams(given: Readonly<Record<string, unknown>> = {}): LstmParams {
  const specs = FORECAST_MODEL_SPECS.lstm.params;
  const out: Record<string, unknown> = { ...forecastDefaults('lstm') };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(key in specs)) throw new ForecastInputError(`params.${key}`, `is not a parameter of the LSTM (it has ${Object.keys(specs).join(', ')})`);
    const parsed = paramSchema(specs[key as keyof typeof specs]).safeParse(value);
    if (!parsed.success) throw new ForecastInputError(`params.${key}`, parsed.error.issues[0]?.message ?? 'is not valid');
    out[key] = parsed.data;
  }
  return out as LstmParams;
}

type SeriesInput = { y: Float64Array; timeline: Timeline };

function checkTimelines(series: readonly SeriesInput[]): Timeline {
  if (series.length === 0) throw new ForecastInputError('values', 'the LSTM needs at least one series');
  series.forEach((s, k) => {
    if (!s.timeline) throw new ForecastInputError('timeline', `series #${k + 1} has no timeline; the LSTM reads time and covariates from it`);
  });
  const first = series[0].timeline;
  series.forEach((s, k) => {
    if (s.timeline.frequency !== first.frequency) throw new ForecastInputError('timeline', `series #${k + 1} is ${s.timeline.frequency}, series #1 is ${first.frequency}; one model needs one frequency`);
    if (s.timeline.covariates.join('\u0000') !== first.covariates.join('\u0000')) {
      throw new ForecastInputError('timeline', `series #${k + 1} has covariates [${s.timeline.covariates.join(', ')}], series #1 has [${first.covariates.join(', ')}]; one model needs the same ones`);
    }
  });
  return first;
}

/** Fits the LSTM; `backends` restricts the TF.js backend (e.g. ['cpu'] for bit-identical reruns). */
export async function fitLstm(series: readonly SeriesInput[], opts: Omit<FitOptions, 'timeline'> = {}, backends?: BackendName[]): Promise<LstmGlobalModel> {
  const first = checkTimelines(series);
  const params = lstmParams(opts.params);
  const seed = opts.seed ?? 0;
  const period = dominantPeriod(first.frequency, opts.seasonalPeriod, opts.seasonalPeriods);
  const horizon = opts.horizon ?? Math.max(1, Math.round(period));
  checkHorizon(horizon);
  const window = params.window > 0 ? params.window : Math.max(8, 2 * Math.round(period));
  const mode = horizon <= DIRECT_MAX_HORIZON ? 'direct' : 'recursive';
  const outputs = mode === 'direct' ? horizon : 1;
  const needed = window + Math.max(horizon, 2);
  series.forEach((s, k) => {
    if (s.y.length < needed) {
      throw new ForecastInputError('values', `series #${k + 1} has ${s.y.length} values; the LSTM needs at least window ${window} + horizon ${horizon}${horizon < 2 ? ' + 1' : ''} = ${needed}`);
    }
  });

  // Enough tail for the finite-sample 95% quantile when the data allows, pooled over the series.
  const tail = Math.max(horizon, Math.ceil(MIN_VALIDATION_ERRORS / series.length));
  const data: SeriesData[] = series.map((s) => {
    const cut = s.y.length - Math.min(tail, Math.floor((s.y.length - window) / 2));
    return { y: s.y, timeline: s.timeline, scale: scaleOf(s.y, cut), cut };
  });
  const covScales = covariateScales(data.map((d) => ({ timeline: d.timeline, end: d.cut })), first.covariates);
  const covariates = first.covariates.map((name, i) => ({ name, knownFuture: first.knownFuture.has(name), ...covScales[i] }));
  const spec: WindowSpec = { window, outputs, futureSteps: covariates.some((c) => c.knownFuture) ? outputs : 0, frequency: first.frequency, period, covariates };

  let trainOrigins = originsOf(spec, data, 'train', outputs);
  if (trainOrigins.length > MAX_TRAIN_WINDOWS) trainOrigins = subsample(trainOrigins, MAX_TRAIN_WINDOWS, seed);
  const validOrigins = originsOf(spec, data, 'valid', outputs);
  if (trainOrigins.length === 0 || validOrigins.length === 0) {
    throw new ForecastInputError('values', `too many missing values: no ${trainOrigins.length === 0 ? 'training' : 'validation'} window of ${window} steps has an observed value and a target`);
  }
  const train = buildWindows(spec, data, trainOrigins, 'train');
  const valid = buildWindows(spec, data, validOrigins, 'valid');
  const network: NetworkShape = { steps: stepsOf(spec), channels: channelsOf(spec), units: params.units, outputs };

  const backend = await selectBackend(backends);
  // Loaded here, not at the top: the exported forecasting runtime bundles this file but never trains.
  const { trainNetwork, predictWith } = await import('./train');
  const { buildNetwork } = await import('./tf-network');
  const result = await trainNetwork(network, initialWeights(network, seed), train, valid, { ...params, seed, onProgress: opts.onProgress, onMetrics: opts.onMetrics, shouldStop: opts.shouldStop, ...opts.networkFits?.next() });
  const residuals = validationErrors(spec, network, buildNetwork(network, result.weights), predictWith, data, horizon);

  const core = new LstmCore({
    family: 'lstm', version: 1, mode, horizon, spec, network,
    weights: result.weights.map(encodeFloat32),
    residuals: residuals.map(stepScores),
    params, seed,
    training: { backend, epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, bestValLoss: result.bestValLoss, stopped: result.stopped, windows: { train: train.count, valid: valid.count } },
  });
  const members: LstmMemberState[] = data.map((d) => ({
    length: d.y.length,
    tail: Array.from(d.y.subarray(d.y.length - window), (v) => (Number.isNaN(v) ? null : v)),
    ...d.scale,
  }));
  return new LstmGlobalModel(core, members, series.map((s) => s.timeline));
}

function subsample(origins: Origin[], keep: number, seed: number): Origin[] {
  const picked = shuffleInPlace(Uint32Array.from(origins.keys()), mulberry32(seed ^ 0xa11ce)).subarray(0, keep).sort();
  return Array.from(picked, (i) => origins[i]);
}

/**
 * Per forecast step j, the scaled errors of forecasts from every origin whose step j lands in the validation
 * tail — the same forecast a member makes (one pass, or fed back), from values before the origin only.
 */
function validationErrors(spec: WindowSpec, network: NetworkShape, net: tf.LayersModel, predictWith: (net: tf.LayersModel, shape: NetworkShape, x: Float32Array, count: number) => Float32Array, data: readonly SeriesData[], horizon: number): number[][] {
  const origins = originsOf(spec, data, 'valid', horizon);
  const errors = Array.from({ length: horizon }, () => [] as number[]);
  try {
    const starts = origins.map(({ series, t }) => ({ past: data[series].y.subarray(t - spec.window, t), pastStart: t - spec.window, scale: data[series].scale, timeline: data[series].timeline }));
    const paths = forecastPaths(spec, (x, count) => predictWith(net, network, x, count), starts, horizon);
    origins.forEach(({ series, t }, r) => {
      const d = data[series];
      for (let j = 0; j < horizon; j++) {
        const i = t + j;
        if (i >= d.cut && i < d.y.length && !Number.isNaN(d.y[i])) errors[j].push((d.y[i] - paths[r][j]) / d.scale.std);
      }
    });
  } finally {
    net.dispose();
  }
  return errors;
}

export const lstmFamily: GlobalFamily = {
  name: 'lstm',
  fit: (series, opts) => fitLstm(series, opts),
  fromJSON: (json, timelines) => LstmGlobalModel.fromJSON(json, timelines),
};
