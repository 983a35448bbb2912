/** What a forecast run's report tells the user about how it was made and scored. */
import type { ForecastJobArgs } from '../../../shared/api/jobs';
import type { GridSeries } from '../../data/forecast/series';
import { MAX_CANDIDATE_SERIES } from './candidates';
import { planOrigins } from './protocol';
import type { PreparedSeries } from './series-input';

function refitText(refit: ForecastJobArgs['refit']): string {
  if (refit === 'never') return 'parameters fitted once, at the first origin, the state moved on with each value after it';
  if (refit === 'every') return 'refitted at every origin';
  return `refitted every ${refit} origins, the state moved on with each value in between`;
}

export function evaluationNotes(a: ForecastJobArgs, train: readonly GridSeries[], series: readonly PreparedSeries[], hasTest: boolean, pairs: number): string[] {
  const notes: string[] = [];
  const origins = series.reduce((n, s) => n + planOrigins(s, a, hasTest).length, 0);
  const perSeries = series.length > 1 ? ` over ${series.length} series` : '';
  if (hasTest) {
    notes.push(
      `Scored on the test dataset: ${origins} forecast origin${origins === 1 ? '' : 's'}${perSeries}, one step apart from the end of the training data, ` +
        `each forecasting up to ${a.horizon} steps that lie in the test data (${pairs} scored points); ${refitText(a.refit)}.`,
    );
    const empty = series.filter((s) => s.y.length === s.train);
    if (empty.length > 0) notes.push(`${empty.length} series have no rows in the test dataset and are not scored: ${empty.slice(0, 5).map((s) => `'${s.id}'`).join(', ')}${empty.length > 5 ? ', …' : ''}.`);
  } else {
    notes.push(
      `Scored by a rolling-origin backtest on the training tail: ${a.windows} origin${a.windows === 1 ? '' : 's'} one step apart${perSeries}, the last leaving ${a.horizon} values, ` +
        `each forecasting ${a.horizon} steps (${pairs} scored points); ${refitText(a.refit)}. The final model is fitted on all the training data.`,
    );
  }
  if ((a.model === 'auto' || a.model === 'ensemble') && series.length > MAX_CANDIDATE_SERIES) {
    notes.push(`The candidates table scores each candidate on the first ${MAX_CANDIDATE_SERIES} of the ${series.length} series (in id order); which were chosen is counted over all of them.`);
  }
  const proposed = train[0].series.seasonalPeriods;
  const unused = proposed.filter((p) => !a.season.includes(p));
  if (unused.length > 0) {
    notes.push(`Seasonal period${unused.length > 1 ? 's' : ''} ${unused.join(', ')} proposed for ${train[0].series.frequency} data ${unused.length > 1 ? 'were' : 'was'} not used (given others, or fewer than two seasons of data).`);
  }
  const gaps = train.reduce((n, g) => n + g.series.gaps.reduce((m, x) => m + x.length, 0), 0);
  if (gaps > 0) notes.push(`${gaps} missing time points in the training data were filled as missing values.`);
  const dups = train.reduce((n, g) => n + g.series.duplicates.length, 0);
  if (dups > 0) notes.push(`${dups} time points had several rows, combined by ${a.duplicates}.`);
  return notes;
}
