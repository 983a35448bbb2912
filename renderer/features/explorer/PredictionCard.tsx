import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMicros } from '../../components/format';
import { formatValue } from './explain';
import { useExplorer } from './store';

/** The prediction for the form's row, big: a value with its interval, or a label with each class's probability. */
export function PredictionCard() {
  const schema = useExplorer((s) => s.schema);
  const result = useExplorer((s) => s.result);
  const error = useExplorer((s) => s.predictError);
  const predicting = useExplorer((s) => s.predicting);
  if (!schema) return null;
  const p = result?.predictions[0];

  return (
    <section className="explorer-block prediction-card" aria-labelledby="prediction-title" aria-busy={predicting} data-testid="prediction-card">
      <div className="explorer-block-head">
        <h3 id="prediction-title" className="run-section-title">
          Predicted {schema.target}
        </h3>
        <span className="muted small-note" data-testid="prediction-latency">
          {predicting ? 'updating…' : result ? `${formatMicros(result.latencyUs)} in onnxruntime` : ''}
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
        </div>
      ) : (
        <div aria-live="polite">
          <div className="prediction-value" data-testid="prediction-value">
            {p.label ?? '—'}
          </div>
          <ul className="class-probs" aria-label="Probability of each class" data-testid="class-probabilities">
            {(schema.classes ?? Object.keys(p.probabilities ?? {})).map((c) => {
              const prob = p.probabilities?.[c] ?? 0;
              return (
                <li key={c} className={c === p.label ? 'predicted' : undefined} data-class={c}>
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
        </div>
      )}
    </section>
  );
}
