/**
 * augurs (Grafana's Rust forecasting library) through its JS/WASM bindings, @bsull/augurs: AutoETS and MSTL
 * with an AutoETS trend. The WASM modules are loaded synchronously from node_modules (the package's default
 * loader fetches them by URL, which Node's fetch cannot do for file paths).
 *
 * AutoETS 0.10 fits non-seasonal models only: a seasonal spec ('AAA', 'MAM') answers "no model found", and
 * 'ZZZ' never picks a season. MSTL removes the seasons (STL per period) and forecasts the rest with AutoETS.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AutoETS, initSync as initEts } from '@bsull/augurs/ets';
import { MSTL, initSync as initMstl } from '@bsull/augurs/mstl';
import type { Forecast } from '../../models/forecast/types';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('@bsull/augurs/ets'));

type AugursModel = AutoETS | MSTL;

initEts({ module: readFileSync(path.join(dir, 'ets_bg.wasm')) });
initMstl({ module: readFileSync(path.join(dir, 'mstl_bg.wasm')) });

export const augursVersion: string = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

export type AugursMethod = 'augurs-ets' | 'augurs-mstl';

/** AutoETS over every non-seasonal model; MSTL (AutoETS trend) where the series has a period, else AutoETS. */
function make(method: AugursMethod, period: number): AugursModel {
  if (method === 'augurs-mstl' && period > 1) return MSTL.ets([period]);
  return new AutoETS(1, 'ZZN');
}

export function describeAugurs(method: AugursMethod, period: number): string {
  return method === 'augurs-mstl' && period > 1 ? `MSTL(${period}) + AutoETS` : 'AutoETS (non-seasonal)';
}

/** Fits one model and forecasts h steps with a 95 % interval. */
export function augursForecast(method: AugursMethod, y: Float64Array, period: number, h: number): Forecast {
  const model = make(method, period);
  try {
    model.fit(y);
    const f = model.predict(h, 0.95);
    const mean = Float64Array.from(f.point);
    if (!f.intervals) throw new Error(`${describeAugurs(method, period)} returned no intervals`);
    return { mean, lower: { 95: Float64Array.from(f.intervals.lower) }, upper: { 95: Float64Array.from(f.intervals.upper) } };
  } finally {
    model.free();
  }
}

/** Fit time of one model (seconds) and its forecast. */
export function timedAugurs(method: AugursMethod, y: Float64Array, period: number, h: number): { forecast: Forecast; seconds: number } {
  const t0 = performance.now();
  const forecast = augursForecast(method, y, period, h);
  return { forecast, seconds: (performance.now() - t0) / 1000 };
}
