import type { ComponentType } from 'react';
import type { SectionId } from './ui-store';
import { DatasetsPage } from '../features/datasets/DatasetsPage';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage';
import { ComparePage } from '../features/compare/ComparePage';
import { ModelsPage } from '../features/models/ModelsPage';
import { ExplorerPage } from '../features/explorer/ExplorerPage';

export interface Section {
  id: SectionId;
  label: string;
  icon: string;
  page: ComponentType;
}

/** The five rooms of the app, in navigation order (Ctrl/Cmd + 1..5). */
export const sections: Section[] = [
  { id: 'datasets', label: 'Datasets', icon: '▦', page: DatasetsPage },
  { id: 'experiments', label: 'Experiments', icon: '⚗', page: ExperimentsPage },
  { id: 'compare', label: 'Compare', icon: '⇄', page: ComparePage },
  { id: 'models', label: 'Models', icon: '◈', page: ModelsPage },
  { id: 'explorer', label: 'Explorer', icon: '◎', page: ExplorerPage },
];
