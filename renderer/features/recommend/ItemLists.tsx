import type { RecommendAnswerDto } from '../../../shared/api/recommend-dto';
import { formatMetric, formatMs } from '../experiments/format';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { Answered } from './explore-store';

/** The recommended items in order, each with its score and why. */
export function Recommendations({ state, empty, testId }: { state: Answered; empty: string; testId: string }) {
  const { answer, error, busy } = state;
  return (
    <section className="rec-list-box" aria-label="Recommendations" aria-busy={busy} data-testid={testId}>
      <h4 className="run-subtitle">
        Recommended {answer && <span className="muted rec-how">· {answer.how}, {formatMs(answer.durationMs)}</span>}
      </h4>
      <ErrorBanner error={error} />
      {!answer ? (
        !error && <p className="muted">{busy ? 'Recommending…' : empty}</p>
      ) : answer.items.length === 0 ? (
        <p className="muted">Nothing to recommend: every item is already in the history.</p>
      ) : (
        <ol className="rec-items" tabIndex={0} aria-label="Recommended items" data-testid={`${testId}-items`}>
          {answer.items.map((it) => (
            <li key={it.item}>
              <span className="rec-item-name" title={it.label ?? it.item}>
                {it.label ?? it.item} {it.label && <span className="muted mono">{it.item}</span>}
              </span>
              <span className="mono rec-score" title="The model’s score for this item">
                {formatMetric(it.score)}
              </span>
              <span className="muted rec-reason">{it.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What the user interacted with, most recent or strongest first. */
export function History({ answer }: { answer: RecommendAnswerDto | null }) {
  const history = answer?.history ?? null;
  return (
    <section className="rec-list-box" aria-label="History" data-testid="rec-history">
      <h4 className="run-subtitle">History {history && <span className="muted rec-how">· {history.length === 50 ? 'the latest 50' : `${history.length} items`}</span>}</h4>
      {!history ? (
        <p className="muted">{answer ? 'No history is stored for this user.' : 'The user’s own interactions show here.'}</p>
      ) : (
        <ol className="rec-items rec-history" tabIndex={0} aria-label="Items in the history" data-testid="rec-history-items">
          {history.map((h) => (
            <li key={`${h.item}:${h.time ?? ''}`}>
              <span className="rec-item-name" title={h.label ?? h.item}>
                {h.label ?? h.item} {h.label && <span className="muted mono">{h.item}</span>}
              </span>
              <span className="mono rec-score" title="Rating or weight of the interaction">
                {formatMetric(h.value)}
              </span>
              {h.time !== null && <span className="muted rec-reason">{new Date(h.time).toISOString().slice(0, 10)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
