import type { Task } from '../protocol';
import { machineCheck } from './machine-check';
import { importTask, profileTask, setColumnTypeTask } from './dataset-tasks';
import { trainTask } from './train-task';
import { compareTask } from './compare-task';
import { exportTask } from '../export/export-task';
import { predictTask } from '../export/predict-task';

/** Job kind → task. Each task is a pure function of its args and context. */
export const tasks: Record<string, Task> = {
  'system.machineCheck': machineCheck,
  'datasets.import': importTask,
  'datasets.profile': profileTask,
  'datasets.setColumnType': setColumnTypeTask,
  'runs.train': trainTask,
  'runs.compare': compareTask,
  'models.export': exportTask,
  'models.predict': predictTask,
};
