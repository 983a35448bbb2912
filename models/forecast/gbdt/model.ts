/** The fitted global boosted-trees forecaster: shared trees and calibration, one member per series. */
import { GbdtModel, type GbdtModelJSON } from '../../gbdt/model';
import { checkHorizon, checkLevels, DEFAULT_LEVELS } from '../intervals';
import type { Forecast, ForecastModel, GlobalModel, ModelJson, Timeline } from '../types';
import { stepHalfWidth } from './conformal';
import { memoryOf, type FeatureSpec } from './features';
import { forecastOrigins } from './recursive';

/** One series' state: where it stands on its timeline, its scale and the values its next rows need. */
export interface MemberState {
  seriesIndex: number;
  /** Values seen (grid indices 0..length − 1). */
  length: number;
  /** Training mean |y|: values are divided by it before they become features. */
  scale: number;
  /** The last values seen (up to the feature memory), original units; null = missing. */
  recent: (number | null)[];
}

export interface GbdtForecastJson extends ModelJson {
  family: 'gbdt';
  spec: FeatureSpec;
  model: GbdtModelJSON;
  /**
   * Sorted |errors| (scaled) of the model's own forecasts per horizon step: 'backtest' from origins on the
   * training tail (conformal), 'in-sample' one-step residuals only (too short a tail; widened by √step).
   */
  calibration: { source: 'backtest' | 'in-sample'; scores: number[][]; origins: number };
  /** How the trees were grown: rows, rounds kept, and whether training was stopped by the caller. */
  info: { trainRows: number; rounds: number; cancelled: boolean };
  members: MemberState[];
}

/** What all members share. */
export interface GbdtCore {
  spec: FeatureSpec;
  model: GbdtModel;
  calibration: GbdtForecastJson['calibration'];
  info: GbdtForecastJson['info'];
}

const toNumber = (v: number | null) => (v === null ? NaN : v);
const toJsonNumber = (v: number) => (Number.isNaN(v) ? null : v);

export class GbdtMember implements ForecastModel {
  readonly family = 'gbdt';
  constructor(
    private readonly core: GbdtCore,
    readonly state: MemberState,
    private readonly timeline: Timeline,
  ) {}

  describe(): string {
    const { spec, info } = this.core;
    return `boosted trees on ${spec.lags} lags (${info.rounds} trees, ${spec.target})`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    checkLevels(levels);
    const { scale, recent, length, seriesIndex } = this.state;
    const values = recent.map((v) => toNumber(v) / scale);
    const origin = { seriesIndex, timeline: this.timeline, values, start: length - values.length, origin: length };
    const [scaled] = forecastOrigins(this.core.model, this.core.spec, [origin], h);
    const mean = scaled.map((z) => z * scale);
    const lower: Record<number, Float64Array> = {};
    const upper: Record<number, Float64Array> = {};
    const scores = this.core.calibration.scores;
    for (const level of levels) {
      const half = mean.map((_, j) => stepHalfWidth(scores, j, level) * scale);
      lower[level] = mean.map((m, j) => m - half[j]);
      upper[level] = mean.map((m, j) => m + half[j]);
    }
    return { mean, lower, upper };
  }

  update(newValues: ArrayLike<number>): GbdtMember {
    const memory = memoryOf(this.core.spec);
    const recent = [...this.state.recent, ...Array.from(newValues, toJsonNumber)].slice(-memory);
    return new GbdtMember(this.core, { ...this.state, length: this.state.length + newValues.length, recent }, this.timeline);
  }

  /** A one-series global JSON: loads back with gbdtFamily.fromJSON(json, [timeline]). */
  toJSON(): GbdtForecastJson {
    return coreJson(this.core, [this.state]);
  }
}

function coreJson(core: GbdtCore, members: readonly MemberState[]): GbdtForecastJson {
  return {
    family: 'gbdt',
    version: 1,
    spec: structuredClone(core.spec),
    model: core.model.toJSON(),
    calibration: structuredClone(core.calibration),
    info: { ...core.info },
    members: members.map((m) => ({ ...m, recent: [...m.recent] })),
  };
}

export class GbdtGlobalModel implements GlobalModel {
  readonly family = 'gbdt';
  readonly members: readonly GbdtMember[];
  constructor(
    private readonly core: GbdtCore,
    states: readonly MemberState[],
    timelines: readonly Timeline[],
  ) {
    this.members = states.map((s, i) => new GbdtMember(core, s, timelines[i]));
  }

  describe(): string {
    return `${this.members[0].describe()} across ${this.members.length} series`;
  }

  toJSON(): GbdtForecastJson {
    return coreJson(this.core, this.members.map((m) => m.state));
  }

  static fromJSON(j: GbdtForecastJson, timelines: readonly Timeline[]): GbdtGlobalModel {
    if (timelines.length !== j.members.length) {
      throw new Error(`this gbdt forecast model has ${j.members.length} series; ${timelines.length} timelines were given`);
    }
    const core: GbdtCore = { spec: j.spec, model: GbdtModel.fromJSON(j.model), calibration: j.calibration, info: j.info };
    return new GbdtGlobalModel(core, j.members, timelines);
  }
}
