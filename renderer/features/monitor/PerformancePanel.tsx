import { EChart } from '../../charts/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { OutcomeMetricDto } from '../../../shared/api/outcomes-dto';
import { FormField } from '../experiments/FormField';
import { outcomeOption } from './outcome-chart';
import { useMonitor, type OutcomeWindowChoice } from './store';

const show = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(4))));
const cell = (m: OutcomeMetricDto | undefined) => (m ? `${show(m.value)} [${show(m.lower)}, ${show(m.upper)}]` : '–');

/** A form field choosing one of the datasets, for the predictions or the outcomes. */
function DatasetField({ label, field }: { label: string; field: 'predictions' | 'outcomes' }) {
  const s = useMonitor();
  return (
    <FormField label={label} name={field}>
      <select value={s.form[field]} onChange={(e) => s.patchForm({ [field]: e.target.value })} data-testid={`outcomes-${field}`}>
        <option value="">Choose…</option>
        {s.datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** Performance over time: outcomes joined to a version's predictions, the headline metric per window. */
export function PerformancePanel() {
  const s = useMonitor();
  const f = s.form;
  const r = s.outcomes;
  const can = Boolean(f.model && f.predictions && f.outcomes) && !s.outcomesBusy;
  const names = r?.task === 'regression' ? ['rmse', 'mae', 'bias'] : ['accuracy'];
  return (
    <section className="monitor-block" aria-labelledby="performance-head" data-testid="performance-panel">
      <h2 id="performance-head">Performance over time</h2>
      <p className="muted monitor-lead">
        Join what happened (an outcomes dataset: a key, the actual value, a date) to a version&apos;s predictions (a batch prediction file, or a model
        server&apos;s log with its feedback, imported as a dataset) and see its metric per window, with 95 % intervals.
      </p>
      {s.models.length === 0 ? (
        <p className="muted" data-testid="performance-empty">
          Register a model in Models first; then predict a file with it in the Explorer and import the predictions and the outcomes here.
        </p>
      ) : (
        <form
          className="monitor-picker"
          onSubmit={(e) => {
            e.preventDefault();
            if (can) void s.runOutcomes();
          }}
        >
          <FormField label="Model version" name="model">
            <select value={f.model} onChange={(e) => s.patchForm({ model: e.target.value })} data-testid="outcomes-model">
              {s.models.map((m) => (
                <option key={m.ref} value={m.ref}>
                  {m.label}
                </option>
              ))}
            </select>
          </FormField>
          <DatasetField label="Predictions" field="predictions" />
          <DatasetField label="Outcomes" field="outcomes" />
          <FormField label="Key column" name="key" hint="optional">
            <input value={f.key} placeholder="prediction_id, id, row_id or key" onChange={(e) => s.patchForm({ key: e.target.value })} data-testid="outcomes-key" />
          </FormField>
          <FormField label="Window" name="window">
            <select value={f.window} onChange={(e) => s.patchForm({ window: e.target.value as OutcomeWindowChoice })} data-testid="outcomes-window">
              <option value="day">Day</option>
              <option value="week">Week</option>
              <option value="rows">Every N rows</option>
            </select>
          </FormField>
          {f.window === 'rows' && (
            <FormField label="Rows per window" name="rows">
              <input type="number" min={1} value={f.rows} onChange={(e) => s.patchForm({ rows: Math.max(1, Math.floor(Number(e.target.value) || 1)) })} data-testid="outcomes-rows" />
            </FormField>
          )}
          <div className="monitor-run">
            <button type="submit" disabled={!can} data-testid="outcomes-run">
              {s.outcomesBusy ? 'Scoring…' : 'Score outcomes'}
            </button>
          </div>
        </form>
      )}
      <ErrorBanner error={s.outcomesError} onDismiss={() => useMonitor.setState({ outcomesError: null })} />
      {r && (
        <div data-testid="outcomes-result">
          <p>
            {r.matched.toLocaleString()} outcomes joined on <code>{r.columns.key}</code> ({r.columns.predicted} against {r.columns.actual}
            {r.columns.time ? `, by ${r.columns.time}` : ''}). Overall {r.metric === 'rmse' ? 'RMSE' : 'accuracy'} {cell(r.overall.metrics[r.metric])}
            {r.baseline !== null ? `; its test score ${show(r.baseline)}` : ''}.
          </p>
          <EChart option={outcomeOption(r)} height={240} testId="outcomes-chart" notMerge />
          <div className="monitor-table-wrap">
            <table className="table" data-testid="outcomes-windows">
              <thead>
                <tr>
                  <th>Window</th>
                  <th className="num">Rows</th>
                  {names.map((n) => (
                    <th key={n} className="num">
                      {n} [95 %]
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.windows.map((w) => (
                  <tr key={w.label}>
                    <td>{w.label}</td>
                    <td className="num">{w.n.toLocaleString()}</td>
                    {names.map((n) => (
                      <td key={n} className="num">
                        {cell(w.metrics[n])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.notes.length > 0 && (
            <ul className="muted monitor-notes">
              {r.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
