import { forecastDefaults } from '../../shared/families/forecast';
import { driftFamily } from './drift';
import { ForecastInputError } from './errors';
import { etsFamily, type EtsModel } from './ets/family';
import { backtest } from './evaluate';
import { applyCalibration, calibrate, calibrationPlan, defaultHorizon, type IntervalCalibration } from './calibration';
import { checkHorizon, checkLevels, combineForecasts, DEFAULT_LEVELS } from './intervals';
import { expectFamily } from './json';
import { LogModel } from './logTransform';
import { naiveFamily } from './naive';
import { seasonalNaiveFamily } from './seasonalNaive';
import { uncalibratedThetaFamily } from './theta';
import type { FitOptions, Forecast, Forecaster, ForecastFamily, ForecastModel, ModelJson } from './types';

export type CandidateName = 'naive' | 'seasonal-naive' | 'drift' | 'theta' | 'ets' | 'log-theta' | 'log-ets';

export const CANDIDATES: readonly CandidateName[] = ['naive', 'seasonal-naive', 'drift', 'theta', 'ets', 'log-theta', 'log-ets'];

const FAMILY_OF = {
  naive: naiveFamily,
  'seasonal-naive': seasonalNaiveFamily,
  drift: driftFamily,
  theta: uncalibratedThetaFamily,
  ets: etsFamily,
  'log-theta': uncalibratedThetaFamily,
  'log-ets': etsFamily,
} satisfies Record<CandidateName, ForecastFamily>;

const isLog = (c: CandidateName) => c.startsWith('log-');

export interface AutoFitOptions extends FitOptions {
  /** Default: all that apply (seasonal naive needs a period, the log ones strictly positive values). */
  candidates?: readonly CandidateName[];
  /** How many of the best candidates to average; 1 picks the single best. Default: `params.combine`, else the schema's. */
  combine?: number;
}

export interface AutoJson extends ModelJson {
  family: 'auto';
  members: { candidate: CandidateName; model: ModelJson }[];
  /** Backtest MASE of every candidate on the training tail, best first. */
  scores: { candidate: CandidateName; mase: number }[];
  backtest: { horizon: number; windows: number; firstOrigin: number };
  /**
   * The combined forecast's errors on that backtest in units of its own `level` interval, sorted: each level's
   * interval is widened to their conformal quantile when it covered too little there. Absent in older artifacts.
   */
  calibration?: IntervalCalibration;
}

type Member = { candidate: CandidateName; model: ForecastModel | LogModel };

/**
 * The equal-weight mean of its members' forecasts; each interval the envelope of the members' own intervals
 * (`combineForecasts`: the members' disagreement is part of the uncertainty), then calibrated.
 */
export class AutoModel implements ForecastModel {
  readonly family = 'auto';
  constructor(
    readonly members: Member[],
    private readonly info: Pick<AutoJson, 'scores' | 'backtest' | 'calibration'>,
  ) {}

  describe(): string {
    const names = this.members.map((m) => m.model.describe());
    return names.length === 1 ? `auto: ${names[0]}` : `auto: mean of ${names.join(', ')}`;
  }

  forecast(h: number, levels: readonly number[] = DEFAULT_LEVELS): Forecast {
    checkHorizon(h);
    checkLevels(levels);
    const combined = combineForecasts(this.members.map((m) => m.model.forecast(h, levels)), levels);
    return applyCalibration(combined, this.info.calibration);
  }

  update(newValues: ArrayLike<number>): ForecastModel {
    return new AutoModel(this.members.map((m) => ({ candidate: m.candidate, model: m.model.update(newValues) })), this.info);
  }

  toJSON(): AutoJson {
    return {
      family: 'auto', version: 1,
      members: this.members.map((m) => ({ candidate: m.candidate, model: m.model.toJSON() })),
      ...structuredClone(this.info),
    };
  }
}

/**
 * Candidates fit at their schema defaults, except Theta: auto keeps the standard θ = 2. The optimized weight
 * mostly runs to the full linear trend, which the backtest then favours on trending tails and the single cut
 * of bench/forecast punishes (median MASE 2.16 against 2.01).
 */
const CANDIDATE_PARAMS: Partial<Record<CandidateName, Record<string, unknown>>> = { theta: { theta: 2 }, 'log-theta': { theta: 2 } };

function fitCandidate(c: CandidateName, y: Float64Array, opts: FitOptions & { model?: string }): ForecastModel | LogModel {
  const family = FAMILY_OF[c];
  const o = { ...opts, params: CANDIDATE_PARAMS[c] };
  return isLog(c) ? new LogModel(family.fit(y.map(Math.log), o)) : family.fit(y, o);
}

/** The ETS model inside a candidate, as 'MAM', 'AAdN'…, so the backtest can refit that one model only. */
function etsModelCode(model: ForecastModel | LogModel): string {
  const inner = model instanceof LogModel ? model.inner : model;
  const { spec } = (inner as EtsModel).s;
  return `${spec.error}${spec.trend}${spec.season}`;
}

/**
 * Backtests the candidates on the training tail, ranks them by MASE and averages the best `combine` of them,
 * refitted on all the data: combining the best few forecasts beats picking the single best out of sample,
 * whose rank on a short tail is noisy (the M3 and M4 competitions).
 */
export function fitAuto(y: Float64Array, opts: AutoFitOptions = {}): ForecastModel {
  const m = opts.seasonalPeriod ?? 1;
  const combine = opts.combine ?? opts.params?.combine ?? forecastDefaults('auto').combine;
  if (typeof combine !== 'number' || !Number.isInteger(combine) || combine < 1) {
    throw new ForecastInputError(opts.combine === undefined && opts.params?.combine !== undefined ? 'params.combine' : 'combine', `must be a whole number, at least 1 (got ${String(combine)})`);
  }
  const horizon = defaultHorizon(opts.horizon, m);
  const positive = y.every((v) => Number.isNaN(v) || v > 0);
  const candidates = (opts.candidates ?? CANDIDATES).filter((c) => (c !== 'seasonal-naive' || m > 1) && (!isLog(c) || positive));
  const plan = calibrationPlan(y.length, m, horizon);
  const scores: AutoJson['scores'] = [];
  // ETS chooses its model by AICc on all the training data once; the backtest refits that one model on the
  // shorter history instead of searching again (a fifteenth of the work; the choice has seen the training
  // tail, never anything after it).
  const fullFits = new Map<CandidateName, ForecastModel | LogModel>();
  const backtestFits = new Map<CandidateName, (train: Float64Array) => Forecaster>();
  if (plan.windows >= 1) {
    for (const c of candidates) {
      try {
        let fit = (train: Float64Array) => fitCandidate(c, train, opts);
        if (FAMILY_OF[c] === etsFamily) {
          const full = fitCandidate(c, y, opts);
          fullFits.set(c, full);
          const model = etsModelCode(full);
          fit = (train) => fitCandidate(c, train, { ...opts, model });
        }
        const r = backtest(y, fit, { horizon: plan.horizon, windows: plan.windows, seasonalPeriod: m, levels: [] });
        if (Number.isFinite(r.overall.mase)) scores.push({ candidate: c, mase: r.overall.mase });
        backtestFits.set(c, fit);
      } catch (e) {
        if (!(e instanceof ForecastInputError)) throw e; // a candidate the tail is too short for
      }
    }
  }
  scores.sort((a, b) => a.mase - b.mase);
  // Too short to backtest: fall back on ETS, the family that adapts most.
  const chosen = scores.length > 0 ? scores.slice(0, combine).map((s) => s.candidate) : (['ets'] as CandidateName[]);
  const members = chosen.map((candidate) => ({ candidate, model: fullFits.get(candidate) ?? fitCandidate(candidate, y, opts) }));
  const calibration = scores.length > 0 ? calibrate(y, chosen.map((c) => backtestFits.get(c)!), plan, m) : undefined;
  return new AutoModel(members, { scores, backtest: plan, calibration });
}

export const autoFamily: ForecastFamily = {
  name: 'auto',
  fit: (y, opts) => fitAuto(y, opts),
  fromJSON(json) {
    const j = expectFamily<AutoJson>(json, 'auto');
    const members = j.members.map(({ candidate, model }) => {
      const inner = FAMILY_OF[candidate].fromJSON(model);
      return { candidate, model: isLog(candidate) ? new LogModel(inner) : inner };
    });
    return new AutoModel(members, { scores: j.scores, backtest: j.backtest, calibration: j.calibration });
  },
};
