import { useState } from 'react';
import type { ModelVersionDto } from '../../../shared/api/methods/registry';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useModels } from './store';
import { VersionsTable } from './VersionsTable';
import { AliasPanel } from './AliasPanel';
import { AliasHistory } from './AliasHistory';
import { PromoteDialog } from './PromoteDialog';
import { ExportDialog } from './ExportDialog';
import { RegisterDialog } from './RegisterDialog';

/** One model: its aliases, its versions and the history of alias moves. */
export function ModelDetail() {
  const detail = useModels((s) => s.detail);
  const error = useModels((s) => s.detailError);
  const selected = useModels((s) => s.selected);
  const [promoting, setPromoting] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ModelVersionDto | null>(null);
  const [adding, setAdding] = useState(false);

  if (!detail) {
    return (
      <section className="dataset-detail" data-testid="model-detail" aria-busy={!error}>
        {error ? <ErrorBanner error={error} /> : <p className="muted">{selected ? 'Loading the model…' : 'Select a model.'}</p>}
      </section>
    );
  }
  return (
    <section className="dataset-detail model-detail" data-testid="model-detail" aria-label={`Model ${detail.name}`}>
      <ErrorBanner error={error} />
      <div className="dataset-title">
        <h2 data-testid="model-title">{detail.name}</h2>
        <button type="button" className="small" onClick={() => setAdding(true)} data-testid="model-add-version">
          Register a new version…
        </button>
      </div>
      <AliasPanel detail={detail} />
      <section className="model-block" aria-labelledby="versions-title">
        <h3 id="versions-title" className="run-section-title">
          Versions <span className="muted">({detail.versions.length})</span>
        </h3>
        <VersionsTable versions={detail.versions} onPromote={setPromoting} onExport={setExporting} />
      </section>
      <AliasHistory history={detail.history} />
      {promoting && <PromoteDialog detail={detail} version={promoting} onClose={() => setPromoting(null)} />}
      {exporting && <ExportDialog version={exporting} onClose={() => setExporting(null)} />}
      {adding && <RegisterDialog name={detail.name} onClose={() => setAdding(false)} />}
    </section>
  );
}
