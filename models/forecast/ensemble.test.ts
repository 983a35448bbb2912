import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitAuto } from './auto';
import { ensembleFamily, type EnsembleJson } from './ensemble';
import { accuracy } from './evaluate';
import { weeklyPanel } from './gbdt/testPanel';

function airline(): Float64Array {
  const file = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
  return Float64Array.from(readFileSync(file, 'utf8').trim().split('\n').slice(1), (r) => Number(r.split(',')[1]));
}

describe('ensemble', () => {
  const y = airline();
  const train = y.slice(0, 108);
  const model = ensembleFamily.fit(train, { seasonalPeriod: 12, horizon: 36 });

  it('takes the median of the best k of the backtest (k from params, the schema default otherwise)', () => {
    const j = model.toJSON() as EnsembleJson;
    expect(j.auto.members.map((m) => m.candidate)).toEqual(j.auto.scores.slice(0, 3).map((s) => s.candidate));
    const four = ensembleFamily.fit(train, { seasonalPeriod: 12, horizon: 36, params: { k: 4 } }).toJSON() as EnsembleJson;
    expect(four.auto.members).toHaveLength(4);
    // The median of three forecasts is, at each step, one of them.
    const parts = j.auto.members.map((m) => fitAuto(train, { seasonalPeriod: 12, horizon: 36, combine: 1, candidates: [m.candidate] }).forecast(36, [80]));
    const fc = model.forecast(36, [80]);
    for (let t = 0; t < 36; t++) expect(parts.map((p) => p.mean[t])).toContain(fc.mean[t]);
    expect(model.describe()).toMatch(/^ensemble: median of .+, .+, .+$/);
  });

  it('forecasts at least as well as the average candidate on held-out data (airline and a weekly panel)', () => {
    const cases: { y: Float64Array; n: number; m: number; h: number }[] = [{ y, n: 108, m: 12, h: 36 }];
    for (const s of weeklyPanel({ series: 4, length: 140, seed: 5 }).series) cases.push({ y: s.y, n: 126, m: 7, h: 14 });
    let ensembleMase = 0;
    let candidateMase = 0;
    for (const c of cases) {
      const tr = c.y.slice(0, c.n);
      const test = c.y.slice(c.n, c.n + c.h);
      const opts = { seasonalPeriod: c.m, horizon: c.h };
      const ensemble = ensembleFamily.fit(tr, opts);
      ensembleMase += accuracy(test, ensemble.forecast(c.h, []), tr, c.m).mase;
      const scored = (ensemble.toJSON() as EnsembleJson).auto.scores.map((s) => s.candidate);
      let sum = 0;
      for (const cand of scored) sum += accuracy(test, fitAuto(tr, { ...opts, combine: 1, candidates: [cand] }).forecast(c.h, []), tr, c.m).mase;
      candidateMase += sum / scored.length;
    }
    expect(ensembleMase / cases.length).toBeLessThanOrEqual(candidateMase / cases.length);
  });

  it('round-trips through JSON, and update moves every member on', () => {
    const back = ensembleFamily.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(back.forecast(36, [80, 95])).toEqual(model.forecast(36, [80, 95]));
    expect(back.describe()).toBe(model.describe());
    const moved = model.update(y.slice(108, 120));
    expect(moved.forecast(12, [80]).mean).not.toEqual(model.forecast(12, [80]).mean);
    expect(ensembleFamily.fromJSON(JSON.parse(JSON.stringify(moved.toJSON()))).forecast(12, [80])).toEqual(moved.forecast(12, [80]));
  });

  it('names the parameter of a bad k', () => {
    expect(() => ensembleFamily.fit(train, { params: { k: 1 } })).toThrow(expect.objectContaining({ field: 'params.k' }));
  });
});
