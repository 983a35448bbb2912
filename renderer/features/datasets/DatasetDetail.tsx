import { useState } from 'react';
import { useDatasets } from './store';
import { DatasetHeader } from './DatasetHeader';
import { DataTable } from './DataTable';
import { ProfileView } from './ProfileView';
import { Tabs, type TabDef } from '../../components/Tabs';
import type { AppendTarget } from './import-slice';

type TabId = 'data' | 'profile';
const TABS: TabDef<TabId>[] = [
  { id: 'data', label: 'Data' },
  { id: 'profile', label: 'Profile' },
];

/** One dataset: who it is, then its rows or its profile. */
export function DatasetDetail({ onAppend }: { onAppend: (target: AppendTarget) => void }) {
  const detail = useDatasets((s) => s.detail);
  const selectedId = useDatasets((s) => s.selectedId);
  const [tab, setTab] = useState<TabId>('data');

  if (!selectedId) return <div className="dataset-detail muted">Choose a dataset on the left.</div>;
  if (!detail) return <div className="dataset-detail muted" aria-busy="true">Loading…</div>;

  return (
    <article className="dataset-detail" data-testid="dataset-detail" aria-label={`Dataset ${detail.name}`}>
      <DatasetHeader detail={detail} onAppend={() => onAppend({ id: detail.id, name: detail.name })} />
      <Tabs tabs={TABS} active={tab} onChange={setTab} label="Dataset views" idPrefix="dataset" />
      <div role="tabpanel" id={`dataset-panel-${tab}`} aria-labelledby={`dataset-tab-${tab}`} className="tab-panel">
        {tab === 'data' ? <DataTable key={detail.id} detail={detail} /> : <ProfileView key={detail.id} datasetId={detail.id} />}
      </div>
    </article>
  );
}
