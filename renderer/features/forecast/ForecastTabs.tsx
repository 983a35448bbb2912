import { useMemo } from 'react';
import type { ForecastReportDto, ForecastSeriesReportDto } from '../../../shared/api/forecast-dto';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { formatMetric } from '../experiments/format';
import { acfOption, componentOption } from './forecast-charts';
import { coverageVerdict, metricColumns, modelLabel } from './format';

const COMPONENT_TEXT: Record<string, string> = {
  trend: 'The piecewise-linear trend; diamonds mark where its slope changes (green up, red down).',
  holidays: 'The effect of the events column on its dates.',
  regressors: 'The part explained by the covariates.',
};

const componentText = (name: string) => COMPONENT_TEXT[name] ?? (/season|yearly|weekly|daily|period/i.test(name) ? 'A repeating seasonal pattern, in the target’s units.' : null);

/** Trend, each season, holidays and regressors: each its own small chart over history and horizon. */
export function ComponentsTab({ series, report, model }: { series: ForecastSeriesReportDto; report: ForecastReportDto; model: string }) {
  const historyEnd = series.history[series.history.length - 1]?.t ?? null;
  const options = useMemo(() => series.components.map((c) => componentOption(c, historyEnd, report.frequency)), [series, historyEnd, report.frequency]);
  if (series.components.length === 0) {
    return (
      <p className="muted" data-testid="forecast-components-none">
        {modelLabel(model)} does not split its forecast into parts. The Decomposable model does: it shows the trend with its changepoints, each season, holidays and regressors.
      </p>
    );
  }
  return (
    <div className="forecast-components" data-testid="forecast-components">
      {series.components.map((c, i) => (
        <div key={c.name} className="forecast-component" data-testid={`component-${c.name}`}>
          <h4>{c.name}</h4>
          {componentText(c.name) && <p className="muted small-note">{componentText(c.name)}</p>}
          <EChart option={options[i]} height={180} notMerge testId={`component-chart-${c.name}`} />
        </div>
      ))}
    </div>
  );
}

/** Accuracy by step ahead, and every candidate model the run tried with the chosen ones marked. */
export function BacktestTab({ report }: { report: ForecastReportDto }) {
  const cols = metricColumns(report.levels);
  const candidates = useMemo(() => [...report.candidates].sort((a, b) => (a.chosen === b.chosen ? a.metrics.mase - b.metrics.mase : a.chosen ? -1 : 1)), [report.candidates]);
  const where = report.evaluatedOn === 'test' ? 'rolling origins through the test dataset' : `${report.windows} rolling backtest windows on the end of the history`;
  return (
    <div data-testid="forecast-backtest">
      <h4 className="run-subtitle">Candidates</h4>
      <p className="muted small-note">Every model the run tried, scored on {where}; the ones it uses are marked.</p>
      {/* Focusable, so the keyboard can scroll a table wider or taller than its box. */}
      <div className="forecast-table-wrap" tabIndex={0} role="region" aria-label="Candidate models">
        <table className="table forecast-table" data-testid="forecast-candidates">
          <thead>
            <tr>
              <th>Model</th>
              <th>Fitted as</th>
              {cols.map((c) => (
                <th key={c.key} className="num" title={c.title}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={`${c.model}:${c.describe}`} className={c.chosen ? 'chosen' : undefined} data-chosen={c.chosen}>
                <td>
                  {modelLabel(c.model)} {c.chosen && <span className="kind-chip">chosen</span>}
                </td>
                <td className="mono muted describe">{c.describe}</td>
                {cols.map((col) => (
                  <td key={col.key} className="num mono">
                    {col.format(c.metrics)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4 className="run-subtitle">By step ahead</h4>
      <p className="muted small-note">Pooled over every series and origin; errors usually grow with the step. Coverage more than 5 points off its level is marked.</p>
      <div className="forecast-table-wrap" tabIndex={0} role="region" aria-label="Accuracy by step ahead">
        <table className="table forecast-table" data-testid="forecast-per-step">
          <thead>
            <tr>
              <th className="num">Step</th>
              {cols.map((c) => (
                <th key={c.key} className="num" title={c.title}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.perStep.map((row) => (
              <tr key={row.step}>
                <td className="num mono">{row.step}</td>
                {cols.map((col) => {
                  const level = Number(col.key.replace('coverage', ''));
                  const off = col.key.startsWith('coverage') && ['low', 'high'].includes(coverageVerdict(level, row[col.key]));
                  return (
                    <td key={col.key} className={`num mono${off ? ' off' : ''}`}>
                      {col.format(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Autocorrelation of the one-step residuals: bars outside the band are structure the model left behind. */
export function ResidualAcfTab({ series, report }: { series: ForecastSeriesReportDto; report: ForecastReportDto }) {
  const dark = useUi((s) => s.theme === 'dark');
  const option = useMemo(() => acfOption(series.residualAcf, series.acfBand, dark), [series, dark]);
  if (series.residualAcf.length === 0) return <p className="muted">No residuals were recorded for this series.</p>;
  const outside = series.residualAcf.filter((a) => Math.abs(a.value) > series.acfBand);
  const seasonal = outside.filter((a) => report.seasonalPeriods.some((p) => a.lag % Math.round(p) === 0));
  return (
    <div data-testid="forecast-residuals">
      <p className="small-note" data-testid="forecast-acf-summary">
        {outside.length === 0 ? (
          <>All {series.residualAcf.length} lags lie inside ±{formatMetric(series.acfBand)}: the residuals look like noise.</>
        ) : (
          <>
            <strong>
              {outside.length} of {series.residualAcf.length} lags
            </strong>{' '}
            outside ±{formatMetric(series.acfBand)} (lag {outside.slice(0, 8).map((a) => a.lag).join(', ')}
            {outside.length > 8 ? ', …' : ''})
            {seasonal.length > 0 ? ': some at the season, which the model may not have caught.' : ': the model leaves some structure behind.'}
          </>
        )}{' '}
        <span className="muted">About 1 lag in 20 falls outside by chance.</span>
      </p>
      <EChart option={option} height={260} notMerge testId="forecast-acf" />
    </div>
  );
}
