import { useEffect } from 'react';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState } from '../../components/EmptyState';
import { useDatasets } from '../datasets/store';
import { EntitiesTable } from './EntitiesTable';
import { SentimentCharts } from './SentimentCharts';
import { SourcePicker } from './SourcePicker';
import { TermsAndExamples } from './TermsAndExamples';
import { TextActions } from './TextActions';
import { TextEmpty } from './TextEmpty';
import { textColumns } from './columns';
import { useText } from './store';
import './text.css';

/** Text without training: lexicon sentiment, entities, and the mood over time and across groups. */
export function TextPage() {
  const s = useText();
  useEffect(() => {
    // Starts on the dataset open in Datasets, if any; new datasets (an imported sample) join the list.
    void useText.getState().load(useDatasets.getState().selectedId);
    return api.on('datasets.changed', () => void useText.getState().load());
  }, []);
  const noText = s.columns.length > 0 && textColumns(s.columns).length === 0;
  return (
    <section className="page text-page" data-testid="page-text">
      <header className="page-head">
        <h1>Text</h1>
        {s.aggregatesFor && <span className="muted" role="status">Reading the texts…</span>}
      </header>
      <ErrorBanner error={s.error} onDismiss={() => useText.setState({ error: null })} />
      {s.loaded && s.datasets.length === 0 ? (
        <TextEmpty />
      ) : (
        <>
          <SourcePicker />
          {noText ? (
            <EmptyState title="This dataset has no text column" testId="text-no-column">
              <p>
                Sentiment and entities read a column of free text (reviews, tickets, comments). Choose another dataset above, or in Datasets set a
                column&apos;s type to text.
              </p>
            </EmptyState>
          ) : (
            <>
              <TextActions />
              <SentimentCharts />
              <EntitiesTable />
              <TermsAndExamples />
            </>
          )}
        </>
      )}
    </section>
  );
}
