import type { ComponentType } from 'react';
import type { SectionId } from './ui-store';
import { DatasetsPage } from '../features/datasets/DatasetsPage';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage';
import { ComparePage } from '../features/compare/ComparePage';
import { SweepsPage } from '../features/sweeps/SweepsPage';
import { ModelsPage } from '../features/models/ModelsPage';
import { ExplorerPage } from '../features/explorer/ExplorerPage';
import { TextPage } from '../features/text/TextPage';
import { DeploymentsPage } from '../features/deployments/DeploymentsPage';
import { MonitorPage } from '../features/monitor/MonitorPage';
import { AutomationPage } from '../features/automation/AutomationPage';

export interface Section {
  id: SectionId;
  label: string;
  icon: string;
  /** The letter that follows G to come here (see features/shortcuts). */
  key: string;
  page: ComponentType;
}

/** The rooms of the app, in navigation order. */
export const sections: Section[] = [
  { id: 'datasets', key: 'd', label: 'Datasets', icon: '▦', page: DatasetsPage },
  { id: 'experiments', key: 'e', label: 'Experiments', icon: '⚗', page: ExperimentsPage },
  { id: 'compare', key: 'c', label: 'Compare', icon: '⇄', page: ComparePage },
  { id: 'sweeps', key: 's', label: 'Sweeps', icon: '⋔', page: SweepsPage },
  { id: 'models', key: 'm', label: 'Models', icon: '◈', page: ModelsPage },
  { id: 'explorer', key: 'x', label: 'Explorer', icon: '◎', page: ExplorerPage },
  { id: 'text', key: 't', label: 'Text', icon: '¶', page: TextPage },
  { id: 'deployments', key: 'p', label: 'Deployments', icon: '⇶', page: DeploymentsPage },
  { id: 'monitor', key: 'o', label: 'Monitor', icon: '∿', page: MonitorPage },
  { id: 'automation', key: 'a', label: 'Automation', icon: '⟳', page: AutomationPage },
];
