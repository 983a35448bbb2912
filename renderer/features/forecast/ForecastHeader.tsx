import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import type { ForecastReportDto } from '../../../shared/api/forecast-dto';
import { formatMetric, formatMetricOf, formatMs } from '../experiments/format';
import { RunHeaderFrame } from '../experiments/RunHeaderFrame';
import { TrainingDevice } from '../experiments/TrainingDevice';
import { formatWhen } from '../../components/format';
import { coverageVerdict, formatCoverage, modelLabel, plural } from './format';
import { forecastModelOf, forecastSpecOf } from './run';
import { ForecastSweepDialog } from './ForecastSweepDialog';
import { sweepable } from './sweep-form';
import type { ForecastModelId } from '../../../shared/families/forecast';

/** The model, the data, how far ahead; the headline accuracy; progress while it runs. */
export function ForecastHeader({ run, report }: { run: RunDetailDto; report: ForecastReportDto | null }) {
  const [sweeping, setSweeping] = useState(false);
  const model = modelLabel(forecastModelOf(run));
  // Before the report exists, the stored arguments say what was asked for.
  const spec = forecastSpecOf(run);
  const horizon = report?.horizon ?? spec?.horizon ?? null;
  const seasons = report?.seasonalPeriods ?? spec?.season ?? null;
  const testData = report ? report.evaluatedOn === 'test' : spec ? Boolean(spec.testDataset) : null;
  const windows = report?.windows ?? spec?.windows ?? 0;

  return (
    <RunHeaderFrame
      run={run}
      title={() => (
        <h2 data-testid="run-title" title={model}>
          Forecast <span className="muted">·</span> {model.replace(/ \(.*\)$/, '')} <span className="muted">→</span> {run.target}
        </h2>
      )}
      rerunTitle="Forecast again with the same data, model and settings"
      registerTitle="Register this forecast model as a version of a named model"
      actions={
        spec &&
        sweepable(spec.model as ForecastModelId) && (
          <button type="button" className="small" onClick={() => setSweeping(true)} title="Search this model's parameters with forecast runs on the same data and windows" data-testid="forecast-sweep">
            Sweep…
          </button>
        )
      }
      progressLabel="Forecast progress"
      failed="The forecast"
      deleteTitle="Delete this forecast?"
      deleteText={`The ${model} forecast of ${run.target} on ${run.datasetName ?? 'its dataset'}, with its report and model, leaves Lathe. The dataset is not touched. This cannot be undone.`}
      factsTestId="forecast-facts"
      facts={(running) => (
        <>
          <dt>Frequency</dt>
          <dd data-testid="forecast-frequency">{report?.frequency ?? '—'}</dd>
          <dt>Horizon</dt>
          <dd data-testid="forecast-horizon-fact">{horizon === null ? '—' : plural(horizon, 'step')}</dd>
          <dt>Dataset</dt>
          <dd>{run.datasetName ?? 'deleted'}</dd>
          <dt>Seasons</dt>
          <dd>{seasons ? (seasons.length ? seasons.join(', ') : 'none') : '—'}</dd>
          <dt>Evaluated</dt>
          <dd>{testData === null ? '—' : testData ? 'through the test dataset' : `backtest, ${plural(windows, 'window')}`}</dd>
          <dt>Duration</dt>
          <dd data-testid="run-duration" title={`Started ${formatWhen(run.createdAt)}`}>
            {running ? 'forecasting…' : formatMs(run.durationMs)}
          </dd>
        </>
      )}
    >
      {sweeping && spec && <ForecastSweepDialog spec={spec} onClose={() => setSweeping(false)} />}
      {report && <Headline report={report} />}
      {report?.device && <TrainingDevice device={report.device} />}
    </RunHeaderFrame>
  );
}

/** MASE, MAPE and each band's measured coverage against its nominal level. */
function Headline({ report }: { report: ForecastReportDto }) {
  const m = report.metrics;
  const where = report.evaluatedOn === 'test' ? 'on the test data' : 'on the backtest';
  return (
    <div className="forecast-headline" data-testid="forecast-headline">
      <span title="Mean absolute scaled error: below 1 beats the seasonal naive forecast">
        <span className="metric-name">MASE</span>
        <span className="metric-value" data-testid="headline-mase">
          {formatMetric(m.mase)}
        </span>
      </span>
      <span title="Mean absolute percentage error">
        <span className="metric-name">MAPE</span>
        <span className="metric-value" data-testid="headline-mape">
          {formatMetricOf('mape', m.mape)}
        </span>
      </span>
      {report.levels.map((l) => {
        const c = m[`coverage${l}`];
        const verdict = coverageVerdict(l, c);
        return (
          <span key={l} className={`coverage-chip ${verdict}`} data-testid={`headline-coverage-${l}`} title={verdict === 'low' ? 'The band is too narrow: fewer actuals fall inside than it claims.' : verdict === 'high' ? 'The band is wider than it needs to be.' : undefined}>
            {l} % band covered {formatCoverage(c)}
          </span>
        );
      })}
      <span className="muted">{where}</span>
    </div>
  );
}
