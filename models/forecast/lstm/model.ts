/**
 * A fitted LSTM: the shared network, scaling and conformal errors, and one member per series that forecasts
 * from its own last `window` values. Forecasts run the plain forward pass (forward.ts), so members are
 * synchronous and hold no tensors.
 */
import type { ForecastParams } from '../../../shared/families/forecast';
import { ForecastInputError } from '../errors';
import { checkHorizon, checkLevels, DEFAULT_LEVELS } from '../intervals';
import { expectFamily } from '../json';
import type { Forecast, ForecastModel, GlobalModel, ModelJson, Timeline } from '../types';
import { conformalHalfWidth, fewestScores, type StepScores } from './conformal';
import { forward } from './forward';
import { weightShapes, type NetworkShape } from './network';
import { forecastPaths, type Scale, type WindowSpec } from './windows';
import { decodeF32, encodeF32 } from '../../recommend/codec';

export type LstmParams = ForecastParams<'lstm'>;

/** Above this horizon one output is fed back step by step; at or below it the network outputs every step at once. */
export const DIRECT_MAX_HORIZON = 48;

export interface LstmMemberState {
  /** Values seen so far: the grid index of the next forecast step. */
  length: number;
  /** The last `window` values (null = missing). */
  tail: (number | null)[];
  mean: number;
  std: number;
}

export interface LstmTraining {
  backend: string;
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  stopped: 'epochs' | 'patience' | 'cancelled';
  windows: { train: number; valid: number };
}

export interface LstmJson extends ModelJson {
  family: 'lstm';
  version: 1;
  mode: 'direct' | 'recursive';
  /** Longest forecast the intervals were calibrated for. */
  horizon: number;
  spec: WindowSpec;
  network: NetworkShape;
  /** Little-endian Float32 weights in base64, in `weightShapes` order. */
  weights: string[];
  /** Absolute validation errors per forecast step, in scaled units. */
  residuals: StepScores[];
  params: LstmParams;
  seed: number;
  training: LstmTraining;
  members: LstmMemberState[];
}

/** Weights in the model JSON: little-endian float32 bytes as base64 (models/recommend/codec). */
export const encodeFloat32 = encodeF32;
export const decodeFloat32 = decodeF32;

/** What every member shares. */
export class LstmCore {
  readonly weights: Float32Array[];

  constructor(readonly json: Omit<LstmJson, 'members'>) {
    this.weights = json.weights.map(decodeFloat32);
    const shapes = weightShapes(json.network);
    this.weights.forEach((w, i) => {
      if (w.length !== shapes[i].reduce((a, b) => a * b, 1)) throw new Error(`lstm weight ${i} has ${w.length} values; its shape is [${shapes[i].join(', ')}]`);
    });
  }

  describe(): string {
    const j = this.json;
    const how = j.mode === 'direct' ? `${j.horizon} steps at once` : 'one step at a time, fed back';
    const stop = j.training.stopped === 'patience' ? `, stopped early after ${j.training.epochsRun}` : j.training.stopped === 'cancelled' ? `, stopped on request after ${j.training.epochsRun}` : '';
    const fewest = fewestScores(j.residuals);
    const maxLevel = Math.floor((1000 * fewest) / (fewest + 1)) / 10;
    return (
      `LSTM (units ${j.params.units.join(',')}, window ${j.spec.window}, ${how}; best epoch ${j.training.bestEpoch} of ${j.params.epochs}${stop}); ` +
      `conformal intervals per step from ${fewest} validation-tail errors or more, honest up to ${maxLevel}% (wider levels use the largest error)`
    );
  }

  toJSON(members: readonly LstmMemberState[]): LstmJson {
    return { ...this.json, members: members.map((m) => ({ ...m, tail: [...m.tail] })) };
  }
}

const toValues = (tail: readonly (number | null)[]): Float64Array => Float64Array.from(tail, (v) => (v === null ? NaN : v));

/** One series' forecaster: the shared network read from its own recent values. */
export class LstmMember implements ForecastModel {
  readonly family = 'lstm';

  constructor(
    private readonly core: LstmCore,
    readonly state: LstmMemberState,
    private readonly timeline: Timeline,
  ) {}

  describe(): string {
    return this.core.describe();
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    checkLevels(levels);
    const { json, weights } = this.core;
    if (h > json.horizon) throw new ForecastInputError('horizon', `this LSTM was fitted for at most ${json.horizon} steps (asked for ${h}); fit it again with the longer horizon`);
    const scale: Scale = { mean: this.state.mean, std: this.state.std };
    const start = { past: toValues(this.state.tail), pastStart: this.state.length - json.spec.window, scale, timeline: this.timeline };
    const mean = forecastPaths(json.spec, (x, count) => forward(json.network, weights, x, count), [start], h)[0];
    const lower: Record<number, Float64Array> = {};
    const upper: Record<number, Float64Array> = {};
    for (const level of levels) {
      const width = Float64Array.from({ length: h }, (_, j) => conformalHalfWidth(json.residuals[j], level).width * scale.std);
      lower[level] = mean.map((m, j) => m - width[j]);
      upper[level] = mean.map((m, j) => m + width[j]);
    }
    return { mean, lower, upper };
  }

  update(newValues: ArrayLike<number>): LstmMember {
    const all = [...this.state.tail, ...Array.from(newValues, (v) => (Number.isNaN(v) ? null : v))];
    const tail = all.slice(all.length - this.core.json.spec.window);
    return new LstmMember(this.core, { ...this.state, length: this.state.length + newValues.length, tail }, this.timeline);
  }

  /** The shared model with this member alone (`lstmFamily.fromJSON(json, [timeline])` reads it back). */
  toJSON(): LstmJson {
    return this.core.toJSON([this.state]);
  }
}

export class LstmGlobalModel implements GlobalModel {
  readonly family = 'lstm';
  readonly members: readonly LstmMember[];

  constructor(
    readonly core: LstmCore,
    states: readonly LstmMemberState[],
    timelines: readonly Timeline[],
  ) {
    if (timelines.length !== states.length) throw new ForecastInputError('timeline', `the model has ${states.length} series; ${timelines.length} timelines were given`);
    this.members = states.map((s, i) => new LstmMember(core, s, timelines[i]));
  }

  describe(): string {
    return this.core.describe();
  }

  toJSON(): LstmJson {
    return this.core.toJSON(this.members.map((m) => m.state));
  }

  static fromJSON(json: ModelJson, timelines: readonly Timeline[]): LstmGlobalModel {
    const j = expectFamily<LstmJson>(json, 'lstm');
    const { members, ...shared } = j;
    return new LstmGlobalModel(new LstmCore(shared), members, timelines);
  }
}
