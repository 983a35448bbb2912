import { useId, useMemo } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { confusionAt } from './threshold';
import { positiveOf } from './threshold-slice';
import { useExplorer } from './store';
import './explorer.css';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * Binary models: where to cut the positive class's probability. The confusion matrix of the run's
 * held-out predictions follows the slider, and the prediction card labels with the same cut.
 */
export function ThresholdPanel() {
  const schema = useExplorer((s) => s.schema);
  const counts = useExplorer((s) => s.thresholdCounts);
  const error = useExplorer((s) => s.thresholdError);
  const threshold = useExplorer((s) => s.threshold);
  const chosen = useExplorer((s) => s.positiveClass);
  const setThreshold = useExplorer((s) => s.setThreshold);
  const setPositive = useExplorer((s) => s.setPositiveClass);
  const id = useId();
  const positive = positiveOf(schema?.classes ?? null, chosen);
  const k = counts && positive ? counts.classes.indexOf(positive) : -1;
  const c = useMemo(() => (counts && k >= 0 ? confusionAt(counts, k, threshold) : null), [counts, k, threshold]);
  if (!schema || schema.task !== 'binary' || !positive) return null;
  const negative = schema.classes!.find((x) => x !== positive)!;

  return (
    <section className="explorer-block" aria-labelledby={`${id}-title`} data-testid="threshold">
      <div className="explorer-block-head">
        <h3 id={`${id}-title`} className="run-section-title">
          Decision threshold
        </h3>
        <label className="inline-field">
          <span className="muted">Positive class</span>
          <select value={positive} onChange={(e) => setPositive(e.target.value)} data-testid="positive-class">
            {schema.classes!.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="threshold-controls">
        <label className="threshold-slider">
          <span className="muted">
            Call <strong>{positive}</strong> when its probability ≥
          </span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            aria-label="Decision threshold"
            data-testid="threshold-slider"
          />
          <output className="mono" data-testid="threshold-value">
            {threshold.toFixed(2)}
          </output>
        </label>
        {threshold !== 0.5 && (
          <button type="button" className="small" onClick={() => setThreshold(0.5)} data-testid="threshold-reset">
            Back to 0.50
          </button>
        )}
      </div>
      <ErrorBanner error={error} />
      {!counts ? (
        !error && <p className="muted small-note">Reading the held-out predictions…</p>
      ) : (
        c && (
          <>
            <div className="threshold-body">
              <table className="confusion-2x2" data-testid="threshold-confusion" aria-label="Confusion matrix at this threshold">
                <thead>
                  <tr>
                    <td aria-hidden style={{ border: 'none' }} />
                    <th scope="col" title={`predicted ${positive}`}>predicted {positive}</th>
                    <th scope="col" title={`predicted ${negative}`}>predicted {negative}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row" title={`actual ${positive}`}>actual {positive}</th>
                    <td className="right" data-cell="tp">
                      <strong>{c.tp.toLocaleString()}</strong>
                      <span>true positive</span>
                    </td>
                    <td className="wrong" data-cell="fn">
                      <strong>{c.fn.toLocaleString()}</strong>
                      <span>false negative</span>
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" title={`actual ${negative}`}>actual {negative}</th>
                    <td className="wrong" data-cell="fp">
                      <strong>{c.fp.toLocaleString()}</strong>
                      <span>false positive</span>
                    </td>
                    <td className="right" data-cell="tn">
                      <strong>{c.tn.toLocaleString()}</strong>
                      <span>true negative</span>
                    </td>
                  </tr>
                </tbody>
              </table>
              <dl className="threshold-metrics" data-testid="threshold-metrics">
                <dt>Precision</dt>
                <dd data-metric="precision">{pct(c.precision)}</dd>
                <dt>Recall</dt>
                <dd data-metric="recall">{pct(c.recall)}</dd>
                <dt>F1</dt>
                <dd data-metric="f1">{pct(c.f1)}</dd>
                <dt>Accuracy</dt>
                <dd data-metric="accuracy">{pct(c.accuracy)}</dd>
              </dl>
            </div>
            <p className="muted small-note">
              On the run’s {counts.rows.toLocaleString()} {counts.source === 'out-of-fold' ? 'out-of-fold' : 'held-out test'} predictions.
            </p>
          </>
        )
      )}
    </section>
  );
}
