import { useCallback, useEffect, useState } from 'react';
import { useExplorer } from './store';
import type { ExplorerTab } from './model-slice';
import { connectExplorerEvents } from './events';
import { ModelPicker } from './ModelPicker';
import { ModelHeader } from './ModelHeader';
import { WhatIfForm } from './WhatIfForm';
import { PredictionCard } from './PredictionCard';
import { ContributionsPanel } from './ContributionsPanel';
import { PdpPanel } from './PdpPanel';
import { ThresholdPanel } from './ThresholdPanel';
import { BatchPanel } from './BatchPanel';
import { TextWhatIf } from './TextWhatIf';
import { OnnxPanel } from './OnnxPanel';
import { ExplorerEmpty } from './ExplorerEmpty';
import { usePickFile } from './usePickFile';
import type { FileSource } from './file-source';
import { Tabs, type TabDef } from '../../components/Tabs';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RecommendExplorer } from '../recommend/RecommendExplorer';

const TABS: TabDef<ExplorerTab>[] = [
  { id: 'whatif', label: 'What-if' },
  { id: 'batch', label: 'Batch prediction' },
];

/** Explorer: ask a model questions — one row at a time with explanations, or a whole CSV. */
export function ExplorerPage() {
  const ref = useExplorer((s) => s.ref);
  const view = useExplorer((s) => s.view);
  const tab = useExplorer((s) => s.tab);
  const setTab = useExplorer((s) => s.setTab);
  const loaded = useExplorer((s) => s.choicesLoaded);
  const nothing = useExplorer((s) => s.versions.length === 0 && s.runs.length === 0);
  const choicesError = useExplorer((s) => s.choicesError);
  const schemaError = useExplorer((s) => s.schemaError);
  const schema = useExplorer((s) => s.schema);
  const recommender = useExplorer((s) => s.recommender);
  const choice = useExplorer((s) => [...s.versions, ...s.runs].find((c) => c.ref === s.ref));
  const openOnnx = useExplorer((s) => s.openOnnx);
  const [pickError, setPickError] = useState<string | null>(null);
  const onPick = useCallback((src: FileSource) => void openOnnx(src), [openOnnx]);
  const onnxPicker = usePickFile({ accept: '.onnx', title: 'Open an .onnx file', testId: 'onnx-file', onPick, onError: setPickError });

  useEffect(() => {
    const off = connectExplorerEvents();
    void useExplorer.getState().loadChoices();
    return off;
  }, []);

  const empty = loaded && nothing && !ref && view === 'model';
  return (
    <section className="page explorer-page" data-testid="page-explorer">
      <header className="page-head">
        <h1>Explorer</h1>
        {!empty && (
          <div className="explorer-pick">
            <ModelPicker />
            <button type="button" className="secondary" onClick={onnxPicker.choose} data-testid="onnx-open">
              Open .onnx file…
            </button>
          </div>
        )}
      </header>
      {onnxPicker.input}
      <ErrorBanner error={choicesError ?? pickError} onDismiss={() => (setPickError(null), useExplorer.setState({ choicesError: null }))} />
      {view === 'onnx' ? (
        <OnnxPanel />
      ) : empty ? (
        <ExplorerEmpty onOpenOnnx={onnxPicker.choose} />
      ) : !ref ? (
        loaded && <p className="muted run-pick-hint">Choose a registered model or a run above, or open an .onnx file.</p>
      ) : recommender ? (
        <div data-testid="explorer-model-view" data-ref={ref}>
          <RecommendExplorer modelRef={ref} runId={choice?.runId ?? (choice ? null : ref)} label={choice?.label ?? ref} />
        </div>
      ) : (
        <div data-testid="explorer-model-view" data-ref={ref}>
          <ModelHeader />
          <ErrorBanner error={schemaError} />
          {!schema && !schemaError && <p className="muted">Reading the model…</p>}
          {schema && (
            <>
              <Tabs tabs={TABS} active={tab} onChange={setTab} label="Explorer views" idPrefix="explorer" />
              <div role="tabpanel" id={`explorer-panel-${tab}`} aria-labelledby={`explorer-tab-${tab}`}>
                {tab === 'whatif' && schema.text ? (
                  <TextWhatIf />
                ) : tab === 'whatif' ? (
                  <div className="whatif-layout">
                    <WhatIfForm />
                    <div className="whatif-results">
                      <PredictionCard />
                      <ThresholdPanel />
                      <ContributionsPanel />
                      <PdpPanel />
                    </div>
                  </div>
                ) : (
                  <BatchPanel />
                )}
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
