import type { ExampleTextDto, TermDto } from '../../../shared/api/text-dto';
import { ScoreBar } from './ScoreBar';
import { useText } from './store';

function Terms({ title, terms, testId }: { title: string; terms: TermDto[]; testId: string }) {
  return (
    <div className="text-terms" data-testid={testId}>
      <h3>{title}</h3>
      {terms.length === 0 ? (
        <p className="muted text-small">No word is used often enough.</p>
      ) : (
        <ol>
          {terms.map((t) => (
            <li key={t.term} title={t.example ? `e.g. “${t.example.text}”` : undefined}>
              <span className="text-term">{t.term}</span>
              <span className="muted text-small"> {t.documents} texts</span>
              <ScoreBar score={t.mean} label={`${t.term}: mean ${t.mean.toFixed(2)}`} />
              {t.example && <span className="text-term-example">“{t.example.text}”</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Examples({ title, items, testId }: { title: string; items: ExampleTextDto[]; testId: string }) {
  return (
    <div className="text-examples" data-testid={testId}>
      <h3>{title}</h3>
      <ul>
        {items.map((e) => (
          <li key={e.row}>
            <ScoreBar score={e.score} />
            <span className="text-example-body">{e.text}</span>
            <span className="muted text-small"> row {e.row.toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The words whose texts score highest and lowest, and the texts at both ends. */
export function TermsAndExamples() {
  const a = useText((s) => s.aggregates);
  if (!a) return null;
  return (
    <section className="text-block" aria-labelledby="text-terms-title" data-testid="text-terms">
      <h2 className="run-section-title" id="text-terms-title">
        Words and examples
      </h2>
      <p className="muted text-small">Words used by at least 3 texts, ranked by the mean score of those texts.</p>
      <div className="text-two">
        <Terms title="Most positive words" terms={a.terms.positive} testId="terms-positive" />
        <Terms title="Most negative words" terms={a.terms.negative} testId="terms-negative" />
        <Examples title="Most positive texts" items={a.examples.positive} testId="examples-positive" />
        <Examples title="Most negative texts" items={a.examples.negative} testId="examples-negative" />
      </div>
    </section>
  );
}
