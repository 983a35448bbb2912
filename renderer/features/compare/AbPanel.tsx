import { useEffect, type FormEvent } from 'react';
import type { CompareResultDto, RunDetailDto } from '../../../shared/api/runs-dto';
import { formatMetricOf, metricLabel } from '../experiments/format';
import { abMetrics, defaultAbMetric } from './compare-data';
import { runLabel } from './overlay';
import { useCompare } from './store';
import { ForestPlot } from './ForestPlot';

const p = (v: number) => (v < 0.001 ? '< 0.001' : v.toPrecision(2));

/** A paired test of two runs on the same test rows: is B really better than A, and by how much? */
export function AbPanel({ a, b }: { a: RunDetailDto; b: RunDetailDto }) {
  const ab = useCompare((s) => s.ab);
  const patch = useCompare((s) => s.patchAb);
  const run = useCompare((s) => s.runAb);
  const metrics = abMetrics(a, b);
  const pair = `${a.id} ${b.id}`;

  // A metric the pair lacks (another pair picked before) falls back to the default.
  useEffect(() => {
    if (!metrics.includes(ab.metric)) patch({ metric: defaultAbMetric(a, b) });
  }, [a, b, ab.metric, metrics, patch]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  const result = ab.pair === pair ? ab.result : null;
  const error = ab.pair === pair ? ab.error : null;

  return (
    <section className="compare-block ab-panel" aria-label="A/B test" data-testid="ab-panel">
      <h3 className="run-section-title">A/B test</h3>
      <p className="muted small-note">
        A = <strong>{runLabel(a, 0)}</strong>, B = <strong>{runLabel(b, 1)}</strong>. Both are scored on the same test rows; a paired bootstrap gives the
        interval of the difference. The margin is the smallest difference that matters to you, in the metric’s units.
      </p>
      <form className="ab-form" onSubmit={onSubmit}>
        <label className="field">
          <span className="run-field-label">Metric</span>
          <select value={ab.metric} onChange={(e) => patch({ metric: e.target.value })} disabled={metrics.length === 0} data-testid="ab-metric">
            {metrics.length === 0 && <option value="">no metric in common</option>}
            {metrics.map((m) => (
              <option key={m} value={m}>
                {metricLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="run-field-label">Margin</span>
          <input type="number" min={0} step="any" value={ab.margin} onChange={(e) => patch({ margin: e.target.value })} data-testid="ab-margin" />
        </label>
        <button type="submit" disabled={ab.busy || metrics.length === 0} data-testid="ab-run">
          {ab.busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {error && (
        <div className="form-error" role="alert" data-testid="ab-error">
          {error}
        </div>
      )}
      {result && <AbResult r={result} />}
    </section>
  );
}

function AbResult({ r }: { r: CompareResultDto }) {
  const d = r.difference;
  const level = Math.round(d.level * 100);
  return (
    <div className={`ab-result ab-${r.verdict}`} aria-live="polite">
      <p className="ab-verdict" data-testid="ab-verdict">
        {r.text}
      </p>
      <p className="mono ab-interval" data-testid="ab-interval">
        B − A = {formatMetricOf(r.metric, d.estimate)} ({level} % CI {formatMetricOf(r.metric, d.lo)} … {formatMetricOf(r.metric, d.hi)}) · {metricLabel(r.metric)} A {formatMetricOf(r.metric, r.valueA)}, B{' '}
        {formatMetricOf(r.metric, r.valueB)} · {r.rows.toLocaleString()} test rows
        {d.clusters !== undefined && ` resampled as ${d.clusters.toLocaleString()} (series, time) groups`}, {d.resamples.toLocaleString()} resamples
      </p>
      <ForestPlot r={r} />
      {r.mcnemar && (
        <p className="ab-test" data-testid="ab-mcnemar">
          <strong>McNemar:</strong> only A right on {r.mcnemar.onlyA.toLocaleString()} rows, only B right on {r.mcnemar.onlyB.toLocaleString()} ·{' '}
          {r.mcnemar.exact ? 'exact test' : `χ² = ${r.mcnemar.statistic.toPrecision(3)}`}, p = {p(r.mcnemar.pValue)}
        </p>
      )}
      {r.correctedT && (
        <p className="ab-test" data-testid="ab-corrected-t">
          <strong>Corrected resampled t-test:</strong> mean difference {formatMetricOf(r.metric, r.correctedT.meanDiff)} ({formatMetricOf(r.metric, r.correctedT.lo)} …{' '}
          {formatMetricOf(r.metric, r.correctedT.hi)}), t = {r.correctedT.t.toPrecision(3)} on {r.correctedT.df} df, p = {p(r.correctedT.pValue)}
        </p>
      )}
      {r.dieboldMariano && (
        <p className="ab-test" data-testid="ab-diebold-mariano">
          <strong>Diebold–Mariano:</strong> {r.dieboldMariano.loss} loss, {r.dieboldMariano.origins.toLocaleString()} forecast origins, horizon{' '}
          {r.dieboldMariano.horizon} ·{' '}
          {Number.isFinite(r.dieboldMariano.pValue)
            ? `DM = ${r.dieboldMariano.statistic.toPrecision(3)} on ${r.dieboldMariano.df} df, p = ${p(r.dieboldMariano.pValue)}`
            : 'one origin only: no test (backtest over more windows)'}
        </p>
      )}
    </div>
  );
}
