import type { TaskRegistry } from '../protocol';

/**
 * Job kind → task, loaded on demand: a worker runs one task, and loading all of them up
 * front (TF.js, onnxruntime, …) cost every import or profile job ~0.6 s and ~80 MB.
 */
export const tasks: TaskRegistry = {
  'system.machineCheck': async () => (await import('./machine-check')).machineCheck,
  'datasets.import': async () => (await import('./dataset-tasks')).importTask,
  'datasets.profile': async () => (await import('./dataset-tasks')).profileTask,
  'datasets.index': async () => (await import('./index-task')).indexTask,
  'datasets.setColumnType': async () => (await import('./dataset-tasks')).setColumnTypeTask,
  'runs.train': async () => (await import('./train-task')).trainTask,
  'runs.compare': async () => (await import('./compare-task')).compareTask,
  'models.export': async () => (await import('../export/export-task')).exportTask,
  'models.predict': async () => (await import('../export/predict-task')).predictTask,
  'forecast.train': async () => (await import('../forecast/forecast-task')).forecastTask,
  'forecast.predict': async () => (await import('../forecast/predict-task')).forecastPredictTask,
  'recommend.train': async () => (await import('../recommend/train-task')).recommendTrainTask,
  'text.sentiment': async () => (await import('../text/sentiment-task')).sentimentTask,
  'text.entities': async () => (await import('../text/entities-task')).entitiesTask,
  'monitor.drift': async () => (await import('../monitor/drift-task')).driftTask,
  'monitor.outcomes': async () => (await import('../monitor/outcomes-task')).outcomesTask,
  'text.aggregates': async () => (await import('../text/aggregates-task')).aggregatesTask,
  'models.ensemble': async () => (await import('./ensemble-task')).ensembleTask,
  'automation.evaluate': async () => (await import('../automation/evaluate-task')).planEvaluateTask,
  'automation.liveMetric': async () => (await import('../automation/evaluate-task')).planLiveMetricTask,
};
