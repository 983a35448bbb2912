/**
 * The candidates table of a model that chooses among others (auto, ensemble): every candidate run through the
 * run's own evaluation protocol, so its numbers line up with the run's, and which ones were chosen.
 */
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import type { ForecastReportDto } from '../../../shared/api/forecast-dto';
import { CANDIDATES, fitAuto, type AutoJson, type CandidateName } from '../../../models/forecast/auto';
import type { EnsembleJson } from '../../../models/forecast/ensemble';
import type { FitOptions, ForecastModel } from '../../../models/forecast/types';
import { runProtocol } from './protocol';
import { metricsDto } from './report-parts';
import type { PreparedSeries } from './series-input';

type Candidates = ForecastReportDto['candidates'];

/**
 * Series each candidate is scored on (the first, in id order): every candidate costs a fit per series, and a
 * few series rank them as well as many. Which candidates were chosen is counted over every series.
 */
export const MAX_CANDIDATE_SERIES = 10;

/** Which candidates each series' final auto model combines. */
function chosenBy(models: readonly ForecastModel[]): Map<CandidateName, number> {
  const count = new Map<CandidateName, number>();
  for (const m of models) {
    const json = m.toJSON() as AutoJson | EnsembleJson;
    const members = 'auto' in json ? json.auto.members : json.members;
    for (const member of members ?? []) count.set(member.candidate, (count.get(member.candidate) ?? 0) + 1);
  }
  return count;
}

export async function autoCandidates(
  series: readonly PreparedSeries[],
  args: ForecastJobArgs,
  hasTest: boolean,
  opts: Omit<FitOptions, 'timeline'>,
  finalModels: readonly ForecastModel[],
  hooks: { onProgress?(fraction: number, message: string): void; shouldStop?(): boolean },
): Promise<Candidates | null> {
  const chosen = chosenBy(finalModels);
  const scored = series.slice(0, MAX_CANDIDATE_SERIES);
  const out: Candidates = [];
  for (let c = 0; c < CANDIDATES.length; c++) {
    const candidate = CANDIDATES[c];
    hooks.onProgress?.(c / CANDIDATES.length, `backtesting candidate ${candidate}`);
    let describe = '';
    let applies = true;
    const fit = (y: Float64Array): ForecastModel => {
      const model = fitAuto(y, { ...opts, params: undefined, candidates: [candidate], combine: 1 });
      // auto falls back on ETS when the candidate cannot be fitted here (log of non-positive values, no season).
      const json = model.toJSON() as AutoJson;
      if (json.members[0]?.candidate !== candidate) applies = false;
      describe ||= model.describe().replace(/^auto: /, '');
      return model;
    };
    const result = await runProtocol(scored, args, hasTest, {
      fit: async (inputs) => ({ members: inputs.map((i) => fit(i.y)), panel: null }),
      shouldStop: hooks.shouldStop,
    });
    if (!result) return null;
    if (!applies) continue;
    const n = chosen.get(candidate) ?? 0;
    const where = series.length > 1 ? ` (chosen for ${n} of ${series.length} series)` : '';
    out.push({ model: candidate, describe: describe + where, metrics: metricsDto(result.overall, args.levels), chosen: n > 0 });
  }
  return out.sort((a, b) => a.metrics.mase - b.metrics.mase);
}
