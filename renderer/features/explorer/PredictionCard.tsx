import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMicros } from '../../components/format';
import { formatValue } from './explain';
import { stillPicked } from './rows-slice';
import { labelAt } from './threshold';
import { positiveOf } from './threshold-slice';
import { useExplorer } from './store';
import './explorer.css';

/** The slider's grid when the held-out counts are not read yet (the same as theirs). */
const DEFAULT_BINS = 1000;

/** The prediction for the form's row, big: a value with its interval, or a label with each class's probability. */
export function PredictionCard() {
  const schema = useExplorer((s) => s.schema);
  const result = useExplorer((s) => s.result);
  const error = useExplorer((s) => s.predictError);
  const predicting = useExplorer((s) => s.predicting);
  const threshold = useExplorer((s) => s.threshold);
  const chosen = useExplorer((s) => s.positiveClass);
  const bins = useExplorer((s) => s.thresholdCounts?.bins ?? DEFAULT_BINS);
  const picked = useExplorer((s) => s.picked);
  const unchanged = useExplorer((s) => stillPicked(s.picked, s.draft));
  if (!schema) return null;
  const p = result?.predictions[0];
  const positive = schema.task === 'binary' ? positiveOf(schema.classes, chosen) : null;
  // Binary: the label follows the decision threshold chosen below, not the model's fixed 0.5.
  const label = p && positive && p.probabilities ? labelAt(p.probabilities, schema.classes as [string, string], positive, threshold, bins) : (p?.label ?? null);
  const actual = picked && (
    <div className="prediction-actual" data-testid="prediction-actual">
      <span className="muted">{unchanged ? `Actual in row ${picked.row.toLocaleString()}:` : `Row ${picked.row.toLocaleString()}’s actual value, before your edits:`}</span>
      <span className={`actual-value${schema.task === 'regression' ? ' mono' : ''}`} data-testid="actual-value">
        {picked.actual === null ? 'missing' : typeof picked.actual === 'number' ? formatValue(picked.actual) : picked.actual}
      </span>
      {unchanged && schema.task !== 'regression' && label !== null && picked.actual !== null && (
        <span className={String(picked.actual) === label ? 'match' : 'miss'}>{String(picked.actual) === label ? '✓ predicted right' : '✗ predicted wrong'}</span>
      )}
      {unchanged && schema.task === 'regression' && p?.value !== null && p?.value !== undefined && typeof picked.actual === 'number' && (
        <span className="muted">(error {formatValue(p.value - picked.actual)})</span>
      )}
    </div>
  );

  return (
    <section className="explorer-block prediction-card" aria-labelledby="prediction-title" aria-busy={predicting} data-testid="prediction-card">
      <div className="explorer-block-head">
        <h3 id="prediction-title" className="run-section-title">
          Predicted {schema.target}
        </h3>
        <span className="muted small-note" data-testid="prediction-latency">
          {predicting ? 'updating…' : result ? `${formatMicros(result.latencyUs)} ${result.engine === 'onnxruntime' ? 'in onnxruntime' : 'in the app'}` : ''}
        </span>
      </div>
      <ErrorBanner error={error} />
      {!p ? (
        <p className="muted">{error ? '' : 'Predicting…'}</p>
      ) : schema.task === 'regression' ? (
        <div aria-live="polite">
          <div className="prediction-value mono" data-testid="prediction-value">
            {p.value === null ? '—' : formatValue(p.value)}
          </div>
          {p.lower !== null && p.upper !== null && (
            <div className="prediction-interval" data-testid="prediction-interval">
              {Math.round((schema.interval?.coverage ?? 0.9) * 100)}% interval: {formatValue(p.lower)} – {formatValue(p.upper)}
            </div>
          )}
          {actual}
        </div>
      ) : (
        <div aria-live="polite">
          <div className="prediction-value" data-testid="prediction-value">
            {label ?? '—'}
          </div>
          {positive && (
            <p className="muted small-note" data-testid="prediction-threshold">
              {positive} when its probability is at least {threshold.toFixed(2)}
            </p>
          )}
          {actual}
          {p.probabilities && (
            <ul className="class-probs" aria-label="Probability of each class" data-testid="class-probabilities">
              {(schema.classes ?? Object.keys(p.probabilities ?? {})).map((c) => {
                const prob = p.probabilities?.[c] ?? 0;
                return (
                  <li key={c} className={c === label ? 'predicted' : undefined} data-class={c}>
                    <span className="class-name" title={c}>
                      {c}
                    </span>
                    <span className="class-bar" aria-hidden>
                      <span style={{ width: `${Math.max(0, Math.min(1, prob)) * 100}%` }} />
                    </span>
                    <span className="mono class-pct">{(prob * 100).toFixed(1)}%</span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
