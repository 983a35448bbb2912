import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';
import { api } from '../../api/client';
import { useText } from './store';

/** No dataset yet: what the page does, and two ways to get texts. */
export function TextEmpty() {
  const [busy, setBusy] = useState(false);
  const importSample = async () => {
    setBusy(true);
    try {
      await api.invoke('datasets.importSample', { id: 'yelp-sentiment' });
    } catch (err) {
      useText.setState({ error: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <EmptyState title="No texts to read yet" testId="empty-text">
      <p>
        Score the sentiment of reviews, tickets or comments without training anything, find the people, organisations and places they name, and
        follow the mood over time or across groups. Import a CSV with a text column in Datasets, or try the 1,000 Yelp review sentences.
      </p>
      <div className="empty-actions">
        <button type="button" onClick={() => void importSample()} disabled={busy} data-testid="text-import-sample">
          {busy ? 'Importing…' : 'Import the Yelp reviews sample'}
        </button>
        <button type="button" className="secondary" onClick={() => useUi.getState().setSection('datasets')}>
          Go to Datasets
        </button>
      </div>
    </EmptyState>
  );
}
