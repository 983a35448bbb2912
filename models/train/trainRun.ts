/** The one entry point for runs: text runs go to the text engine, every other run to trainModel. */
import { getColumn, type Frame } from '../frame/frame';
import { isSingleTextColumn, isTextOnlyFamily } from '../../shared/families/index';
import { detectTask } from './task';
import { trainModel } from './trainModel';
import { trainTextRun, type TextRunFamily } from './trainText';
import type { RunArtifact, RunSpec, TrainHooks, TrainResult, TrainSpec } from './types';

/**
 * Whether a run trains in the text engine: a text family, or `linear` classifying from features that are one
 * text column (the tuned tf-idf logistic regression beats the tabular pipeline's 200-term tf-idf there).
 */
export function isTextRun(frame: Frame, spec: RunSpec): spec is RunSpec & { family: TextRunFamily } {
  if (isTextOnlyFamily(spec.family)) return true;
  if (spec.family !== 'linear') return false;
  const drop = new Set([spec.target, ...(spec.exclude ?? [])]);
  if (!isSingleTextColumn(frame.columns.filter((c) => !drop.has(c.name)))) return false;
  return (spec.task ?? detectTask(getColumn(frame, spec.target))) !== 'regression';
}

export async function trainRun(frame: Frame, spec: RunSpec, hooks: TrainHooks = {}): Promise<TrainResult<RunArtifact> & { notes?: string[] }> {
  if (isTextRun(frame, spec)) return trainTextRun(frame, spec, hooks);
  return trainModel(frame, spec as TrainSpec, hooks);
}
