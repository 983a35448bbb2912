import { useMemo, useState } from 'react';
import type { ForecastReportDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { formatMetric } from '../experiments/format';
import { forecastOption, type ForecastView } from './forecast-charts';
import { formatGridTime } from './format';

/** Above this many series the picker gets a search box. */
const SEARCH_FROM = 12;

/** The chosen series: history, forecast and bands; any backtest origin instead of the future. */
export function ForecastChart({ report, series, target, onSeries }: { report: ForecastReportDto; series: ForecastSeriesReportDto; target: string; onSeries: (id: string) => void }) {
  const dark = useUi((s) => s.theme === 'dark');
  // 'future', or the index of a backtest origin.
  const [chosen, setChosen] = useState('future');
  const viewValue = chosen !== 'future' && series.evaluation[Number(chosen)] ? chosen : 'future';
  const option = useMemo(() => {
    const view: ForecastView = viewValue === 'future' ? { kind: 'future' } : { kind: 'origin', index: Number(viewValue) };
    return forecastOption({ series, levels: report.levels, frequency: report.frequency, view, testActuals: report.evaluatedOn === 'test', dark, target });
  }, [series, report, viewValue, dark, target]);

  return (
    <section className="forecast-chart" aria-label="Forecast chart">
      <div className="forecast-chart-bar">
        {report.series.length > 1 && <SeriesPicker series={report.series} value={series.id} onChange={onSeries} />}
        <label>
          <span className="muted">Show </span>
          <select
            value={viewValue}
            onChange={(e) => setChosen(e.target.value)}
            aria-label="What the chart shows after the history"
            data-testid="forecast-view"
          >
            <option value="future">the forecast ahead</option>
            {series.evaluation.map((o, i) => (
              <option key={o.origin} value={i}>
                {report.evaluatedOn === 'test' ? 'test' : 'backtest'} from {formatGridTime(o.origin, report.frequency)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="forecast-series-model">
          {series.describe}
          {report.series.length > 1 && ` · MASE ${formatMetric(series.metrics.mase)}`}
        </span>
      </div>
      <EChart option={option} height={380} notMerge testId="forecast-chart" />
    </section>
  );
}

/** A select for a few series; a search box in front of it for many. */
function SeriesPicker({ series, value, onChange }: { series: ForecastSeriesReportDto[]; value: string; onChange: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q ? series.filter((s) => s.id.toLowerCase().includes(q) || s.id === value) : series;
  return (
    <div className="series-picker">
      <span className="muted">Series</span>
      {series.length > SEARCH_FROM && (
        <input
          type="search"
          placeholder={`Search ${series.length.toLocaleString()} series…`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter takes the first match; Escape clears the search before it closes anything.
            if (e.key === 'Enter' && shown[0]) onChange(shown.find((s) => s.id !== value)?.id ?? shown[0].id);
            if (e.key === 'Escape' && query) (e.stopPropagation(), setQuery(''));
          }}
          aria-label="Search series"
          data-testid="series-search"
        />
      )}
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Series" data-testid="series-picker">
        {shown.slice(0, 500).map((s) => (
          <option key={s.id} value={s.id}>
            {s.id} · MASE {formatMetric(s.metrics.mase)}
          </option>
        ))}
      </select>
      {q && <span className="muted">{shown.length.toLocaleString()} match</span>}
    </div>
  );
}
