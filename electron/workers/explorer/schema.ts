/** The what-if form of a model, described from a sample of its dataset (ranges from its profile where there is one). */
import type { Column } from '../../../models/frame/frame';
import type { ExplorerInputDto, ExplorerSchemaDto } from '../../../shared/api/methods/explorer';
import { explainMethodOf } from '../../../models/explain/index';
import type { ExplorerModel } from './explorer-model';
import type { ModelTarget } from './protocol';
import { runsInTextEngine } from './text-model';

const MAX_CATEGORIES = 200;

export function inputKind(type: string | undefined): ExplorerInputDto['kind'] {
  switch (type) {
    case 'integer':
    case 'float':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'datetime':
      return 'date';
    case 'text':
      return 'text';
    default:
      return 'categorical';
  }
}

export function buildSchema(m: ExplorerModel, target: ModelTarget, ref: string): ExplorerSchemaDto {
  const a = m.artifact;
  const { method, space } = runsInTextEngine(a) ? textMethodOf(m) : explainMethodOf(a);
  return {
    model: ref,
    runId: m.runId,
    runName: m.runName,
    modelName: target.modelName,
    version: target.version,
    family: m.ensemble ? 'ensemble' : a.family,
    task: a.task,
    target: a.target,
    classes: a.classes ? a.classes.map(String) : null,
    inputs: a.features.map((name) => describeInput(name, m)),
    interval: a.task === 'regression' && a.interval ? { coverage: a.interval.coverage } : null,
    explainMethod: method,
    explainSpace: space,
    datasetName: m.datasetName,
    text: m.text,
  };
}

/** Text families explain words only: coefficient × tf-idf on the logit, occlusion on the probability, or the lexicon's score. */
function textMethodOf(m: ExplorerModel): { method: ExplorerSchemaDto['explainMethod']; space: ExplorerSchemaDto['explainSpace'] } {
  if (m.text?.method === 'coefficient') return { method: 'linear', space: m.artifact.task === 'multiclass' ? 'logit' : 'log-odds' };
  return m.text?.method === 'lexicon' ? { method: 'lexicon', space: 'score' } : { method: 'occlusion', space: 'probability' };
}

function describeInput(name: string, m: ExplorerModel): ExplorerInputDto {
  const col = m.sample.columns.find((c) => c.name === name);
  const type = m.columns.get(name)?.type;
  const kind = inputKind(type);
  const missing = m.totalRows > 0 ? (m.columns.get(name)?.missing ?? 0) / m.totalRows : 0;
  const base: ExplorerInputDto = { column: name, kind, min: null, max: null, median: null, step: null, categories: null, default: null, missing };
  if (!col) return base;
  if (col.values instanceof Float64Array) {
    const v = Array.from(col.values).filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
    if (kind === 'boolean') return { ...base, categories: ['true', 'false'], default: v.length && v[v.length >> 1] === 1 ? 'true' : 'false' };
    if (v.length === 0) return base;
    // The sample's extremes may fall inside the data's range: the profile has the exact one.
    const exact = m.ranges.get(name);
    const min = exact?.min ?? v[0], max = exact?.max ?? v[v.length - 1], median = v[v.length >> 1];
    const integral = type === 'integer' || kind === 'date';
    return { ...base, min, max, median, step: kind === 'date' ? 86_400_000 : integral ? 1 : niceStep((max - min) / 200), default: median };
  }
  if (kind === 'text') return { ...base, default: firstPresent(col) };
  const categories = topLevels(col, MAX_CATEGORIES);
  return { ...base, categories, default: categories[0] ?? null };
}

/** A round step (1, 2 or 5 × 10^k) near `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

function topLevels(col: Column, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const v of col.values as (string | null)[]) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).slice(0, limit).map(([k]) => k);
}

function firstPresent(col: Column): string | null {
  for (const v of col.values as (string | null)[]) if (v !== null && v !== '') return v;
  return null;
}
