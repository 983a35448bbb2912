/** The evaluation protocol on synthetic series: origins, pairs, refits, and that nothing after an origin is read before it. */
import { describe, expect, it } from 'vitest';
import { makeTimeline } from '../../../models/forecast/timeline';
import { FORECAST_FAMILIES } from '../../../models/forecast/families';
import type { ForecastModel } from '../../../models/forecast/types';
import { planOrigins, runProtocol, NaiveScale, type ScoredOrigin } from './protocol';
import type { PreparedSeries } from './series-input';
import type { FitInput } from './fit-models';
import { naiveScale } from '../../../models/forecast/accuracy';

/** Monthly values with trend, a 12-month season and noise from a fixed sequence. */
function seasonal(n: number, shift = 0): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 100 + i + shift + 10 * Math.sin((2 * Math.PI * i) / 12) + 3 * Math.sin(i * 7.3));
}

function prepared(y: Float64Array, train: number, pastOnly?: Float64Array): PreparedSeries {
  let revealed = Infinity;
  const base = makeTimeline({ frequency: 'monthly', start: Date.UTC(2000, 0, 1), covariates: pastOnly ? [{ name: 'x', values: pastOnly, knownFuture: false }] : [] });
  return {
    id: 's', y, train, start: Date.UTC(2000, 0, 1),
    timeline: { ...base, covariate: (name, i) => (i >= revealed ? NaN : base.covariate(name, i)) },
    reveal: (u) => {
      revealed = u;
    },
  };
}

const args = { horizon: 6, windows: 3, levels: [80, 95], season: [12] };
const fitWith = (family: 'ets' | 'theta' | 'naive', counter?: { fits: number }) => async (inputs: FitInput[]) => {
  if (counter) counter.fits++;
  return { members: inputs.map((i) => FORECAST_FAMILIES[family]!.fit(i.y, { seasonalPeriod: 12, seed: 1, timeline: i.timeline })), panel: null };
};

async function run(s: PreparedSeries[], refit: 'never' | 'every' | number, hasTest: boolean, family: 'ets' | 'theta' | 'naive' = 'theta') {
  const counter = { fits: 0 };
  const origins: ScoredOrigin[] = [];
  const r = await runProtocol(s, { ...args, refit }, hasTest, { fit: fitWith(family, counter), onOrigin: (o) => origins.push(o) });
  return { r: r!, origins, fits: counter.fits };
}

describe('the evaluation protocol', () => {
  it('with a test dataset longer than the horizon: origins one step apart from the end of training, each forecasting the horizon', async () => {
    const s = prepared(seasonal(48 + 20), 48);
    expect(planOrigins(s, { horizon: 6, windows: 3 }, true)).toEqual(Array.from({ length: 15 }, (_, k) => 48 + k));
    const { r, origins, fits } = await run([s], 'never', true);
    expect(origins).toHaveLength(15);
    expect(origins.every((o) => o.actual.length === 6)).toBe(true);
    expect(r.overall.n).toBe(90);
    expect(r.perStep.map((p) => p.n)).toEqual(Array(6).fill(15));
    expect(fits).toBe(1);
    // The final model has seen every value of the test data.
    expect(r.models[0]).not.toBeNull();
  });

  it('with a test dataset as long as the horizon: a single forecast; shorter: one origin scored on what there is', async () => {
    expect((await run([prepared(seasonal(48 + 6), 48)], 'never', true)).origins.map((o) => [o.origin, o.actual.length])).toEqual([[48, 6]]);
    expect((await run([prepared(seasonal(48 + 4), 48)], 'never', true)).origins.map((o) => [o.origin, o.actual.length])).toEqual([[48, 4]]);
  });

  it('without one: a backtest of `windows` origins on the training tail, the last leaving the horizon', async () => {
    const s = prepared(seasonal(60), 60);
    const { origins, r } = await run([s], 'never', false);
    expect(origins.map((o) => o.origin)).toEqual([52, 53, 54]);
    expect(r.overall.n).toBe(18);
  });

  it('refits never, at every origin or every N origins, and the scores differ', async () => {
    const s = () => prepared(seasonal(48 + 20), 48);
    const never = await run([s()], 'never', true);
    const every = await run([s()], 'every', true);
    const five = await run([s()], 5, true);
    expect([never.fits, every.fits, five.fits]).toEqual([1, 15, 3]);
    expect(every.r.overall.mae).not.toBe(never.r.overall.mae);
  });

  it('never reads a value of the test data at or after an origin before forecasting from it', async () => {
    const y = seasonal(48 + 20);
    const tampered = y.slice();
    for (let i = 58; i < tampered.length; i++) tampered[i] = 1e6 * (i % 2 ? 1 : -1);
    for (const refit of ['never', 'every', 3] as const) {
      const a = await run([prepared(y, 48)], refit, true, refit === 'never' ? 'ets' : 'theta');
      const b = await run([prepared(tampered, 48)], refit, true, refit === 'never' ? 'ets' : 'theta');
      // Origins up to 58 saw only values before 58: the same forecasts, whatever came later.
      for (let k = 0; k <= 10; k++) expect(Array.from(b.origins[k].forecast.mean)).toEqual(Array.from(a.origins[k].forecast.mean));
      expect(Array.from(b.origins[11].forecast.mean)).not.toEqual(Array.from(a.origins[11].forecast.mean));
    }
  });

  it('hides past-only covariates from the origin on while fitting, updating and forecasting', async () => {
    const x = Float64Array.from({ length: 68 }, (_, i) => i);
    const s = prepared(seasonal(68), 48, x);
    const seen: { origin: number; read: number[] }[] = [];
    let origin = 48;
    const spy = (inner: ForecastModel): ForecastModel => ({
      ...inner,
      family: inner.family,
      describe: () => inner.describe(),
      toJSON: () => inner.toJSON(),
      forecast(h, levels) {
        const read = [];
        for (let i = 0; i < 80; i++) if (!Number.isNaN(s.timeline.covariate('x', i))) read.push(i);
        seen.push({ origin, read });
        return inner.forecast(h, levels);
      },
      update: (v) => {
        origin += v.length;
        return spy(inner.update(v));
      },
    });
    await runProtocol([s], { ...args, refit: 'never' }, true, {
      fit: async (inputs) => ({ members: inputs.map((i) => spy(FORECAST_FAMILIES.naive!.fit(i.y))), panel: null }),
    });
    expect(seen).toHaveLength(15);
    for (const { origin: o, read } of seen) expect(Math.max(...read)).toBe(o - 1);
  });

  it('scales MASE at each origin as naiveScale of the values before it', () => {
    const y = seasonal(40);
    y[17] = NaN;
    const scale = new NaiveScale(y, 12);
    for (const o of [5, 12, 13, 20, 39]) expect(scale.before(o)).toBeCloseTo(naiveScale(y.subarray(0, o), 12), 12);
  });
});
